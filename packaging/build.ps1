# Build the one-folder bundle on Windows from the lock file: dist\returns-desk\, then the
# installer with Inno Setup 6 (iscc on PATH) into dist\ReturnsDeskSetup-<version>.exe.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
if (-not (Test-Path .venv)) { py -3.11 -m venv .venv }
.venv\Scripts\python -m pip install --require-hashes -r requirements.lock
.venv\Scripts\python -m pip install --no-deps -e .
.venv\Scripts\python -m returns_desk.i18n_tools release   # resources\i18n\*.qm for the bundle
$env:PYTHONHASHSEED = "0"
.venv\Scripts\pyinstaller --noconfirm --clean --log-level WARN packaging\returns-desk.spec
# The console twin: the windowed returns-desk.exe has no standard output, and PowerShell
# does not wait for a windowed program's exit code.
dist\returns-desk\returns-desk-cli.exe --version
dist\returns-desk\returns-desk-cli.exe --self-test
if ($LASTEXITCODE -ne 0) { throw "self-test of the bundle failed" }
$version = (.venv\Scripts\python -c "import returns_desk; print(returns_desk.__version__)")
iscc /DAppVersion=$version packaging\installer.iss
