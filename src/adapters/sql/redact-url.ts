/** The URL with any password replaced, for logs and messages. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@').replace(/(password|pwd)=([^;&]*)/gi, '$1=***')
}
