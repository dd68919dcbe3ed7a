#!/usr/bin/env bash
# Tags a release so that `uses: <owner>/<repo>@v1` works: v<version> on HEAD and the moving major tag
# (v1) moved to it, with release notes taken from CHANGELOG.md. See docs/releasing.md.
#
#   scripts/release.sh --notes <version>   print the CHANGELOG section of <version> (nothing else)
#   scripts/release.sh <version>           check, then create the tags locally and print the push commands
#   scripts/release.sh <version> --push    the same, then push both tags and create the GitHub release (gh)
set -euo pipefail
cd "$(dirname "$0")/.."

notes() {
  # the lines under "## <version>" (any suffix, e.g. "(2026-12-04)"), up to the next "## "
  awk -v v="$1" '
    index($0, "## " v) == 1 && (length($0) == length(v) + 3 || substr($0, length(v) + 4, 1) == " ") { on = 1; next }
    on && /^## / { exit }
    on { print }
  ' CHANGELOG.md | sed -e '/./,$!d'
}

if [ "${1:-}" = "--notes" ]; then
  notes "${2:?usage: scripts/release.sh --notes <version>}"
  exit 0
fi

version=${1:?usage: scripts/release.sh <version> [--push]}
push=${2:-}
if ! [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "version must be MAJOR.MINOR.PATCH, e.g. 1.0.0; got $version" >&2
  exit 1
fi
tag="v$version"
major="v${version%%.*}"

fail() { echo "release $tag: $*" >&2; exit 1; }
[ "$(git rev-parse --abbrev-ref HEAD)" = main ] || fail "run it on main"
[ -z "$(git status --porcelain)" ] || fail "the working tree is not clean"
[ "$(node -p "require('./package.json').version")" = "$version" ] || fail "package.json says another version"
text=$(notes "$version")
[ -n "$text" ] || fail "CHANGELOG.md has no '## $version' section (write the release notes there first)"
grep -q "^## $version.*unreleased" CHANGELOG.md && fail "CHANGELOG.md still calls $version unreleased"
git rev-parse -q --verify "refs/tags/$tag" >/dev/null && fail "tag $tag exists already"
scripts/check-dist.sh >/dev/null || fail "dist/ is not a fresh build: run npm run package and commit dist/"

file=$(mktemp)
trap 'rm -f "$file"' EXIT
printf '%s\n' "$text" >"$file"
git tag -a "$tag" -F "$file"
# the moving major tag: `uses: owner/repo@v1` follows every 1.x release
git tag -fa "$major" -m "$major: $tag"
echo "tagged $tag and moved $major to $(git rev-parse --short HEAD)"

if [ "$push" = "--push" ]; then
  git push origin "refs/tags/$tag"
  git push --force origin "refs/tags/$major"
  gh release create "$tag" --title "$tag" --notes-file "$file" --verify-tag
else
  echo "to publish:"
  echo "  git push origin refs/tags/$tag && git push --force origin refs/tags/$major"
  echo "  scripts/release.sh --notes $version > notes.md && gh release create $tag --title $tag --notes-file notes.md"
fi
