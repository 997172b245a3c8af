# Build the one-folder bundle on Windows from the lock file: dist\returns-desk\, then the
# installer with Inno Setup 6 (iscc on PATH) into dist\ReturnsDeskSetup-<version>.exe.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
if (-not (Test-Path .venv)) { py -3.11 -m venv .venv }
.venv\Scripts\python -m pip install --require-hashes -r requirements.lock
.venv\Scripts\python -m pip install --no-deps -e .
$env:PYTHONHASHSEED = "0"
.venv\Scripts\pyinstaller --noconfirm --clean --log-level WARN packaging\returns-desk.spec
.venv\Scripts\returns-desk --version
dist\returns-desk\returns-desk.exe --self-test
if ($LASTEXITCODE -ne 0) { throw "self-test of the bundle failed" }
$version = (.venv\Scripts\python -c "import returns_desk; print(returns_desk.__version__)")
iscc /DAppVersion=$version packaging\installer.iss
