// The one-command demo: emulator + embedded SQLite + sync + load-board. Lands with the pipelines.
process.stderr.write('npm run demo: not implemented yet (the sync and load-board pipelines have not landed)\n')
process.exitCode = 2
