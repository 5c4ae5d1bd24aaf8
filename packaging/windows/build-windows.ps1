<#
.SYNOPSIS
    Builds the Windows installer of AI Scoping Studio.

.DESCRIPTION
    1. a runtime-only environment in build\venv-windows, from uv.lock, without the dev group;
    2. PyInstaller on packaging\scoping-app.spec into dist\scoping-app\;
    3. the bundle's self-test, from another folder with a temporary user profile;
    4. optional signing of the executables (signtool), when WINDOWS_SIGN_CERT is set;
    5. Inno Setup: dist\scoping-app-<version>-windows-x64-setup.exe, signed with its
       uninstaller when WINDOWS_SIGN_CERT is set.

    Run from any folder:  powershell -ExecutionPolicy Bypass -File packaging\windows\build-windows.ps1
    Needs uv, and Inno Setup 6.3 or later (winget install JRSoftware.InnoSetup).

    Signing, all optional:
      WINDOWS_SIGN_CERT      a certificate's SHA-1 thumbprint in the user's or machine's
                             store (best: no password anywhere), or the path of a .pfx file
      WINDOWS_SIGN_PASSWORD  the .pfx file's password, if it has one
      WINDOWS_TIMESTAMP_URL  an RFC 3161 time-stamp server (default: DigiCert's)
#>
[CmdletBinding()]
param()

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$root = (Resolve-Path (Join-Path $PSScriptRoot '..\..')).Path
Set-Location $root
$venv = Join-Path $root 'build\venv-windows'
$bundle = Join-Path $root 'dist\scoping-app'
$exe = Join-Path $bundle 'scoping-app.exe'
$started = Get-Date

function Say([string]$Text) { Write-Host "==> $Text" }

# PowerShell does not stop on a native program's failure: every call goes through here.
function Invoke-Checked {
    param([Parameter(Mandatory = $true)][string]$FilePath, [string[]]$Arguments = @())
    & $FilePath @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "$(Split-Path -Leaf $FilePath) $($Arguments -join ' ') failed with exit code $LASTEXITCODE"
    }
}

function Find-Iscc {
    $found = Get-Command 'iscc.exe' -ErrorAction SilentlyContinue
    if ($found) { return $found.Path }
    $candidates = @(
        (Join-Path ${env:ProgramFiles(x86)} 'Inno Setup 6\ISCC.exe'),
        (Join-Path $env:ProgramFiles 'Inno Setup 6\ISCC.exe'),
        (Join-Path $env:LOCALAPPDATA 'Programs\Inno Setup 6\ISCC.exe')
    )
    foreach ($candidate in $candidates) {
        if (Test-Path $candidate) { return $candidate }
    }
    throw 'Inno Setup 6 is needed (ISCC.exe not found): winget install JRSoftware.InnoSetup'
}

function Find-SignTool {
    $found = Get-Command 'signtool.exe' -ErrorAction SilentlyContinue
    if ($found) { return $found.Path }
    $kits = Join-Path ${env:ProgramFiles(x86)} 'Windows Kits\10\bin'
    $newest = Get-ChildItem -Path $kits -Filter 'signtool.exe' -Recurse -ErrorAction SilentlyContinue |
        Where-Object { $_.Directory.Name -eq 'x64' } |
        Sort-Object {
            # bin\<SDK version>\x64\signtool.exe; the old bin\x64 layout sorts last
            $name = $_.Directory.Parent.Name
            if ($name -match '^\d+(\.\d+)+$') { [version]$name } else { [version]'0.0' }
        } -Descending |
        Select-Object -First 1
    if ($newest) { return $newest.FullName }
    throw 'WINDOWS_SIGN_CERT is set but signtool.exe was not found: install the Windows SDK'
}

# Runs the bundle as a user would get it: from another folder, with a profile of its own,
# so that a bundle reading the source tree or the builder's folders fails here first.
function Test-Bundle([string]$Label) {
    Say "self-test of the $Label bundle from another folder with a temporary user profile"
    $scratch = Join-Path ([IO.Path]::GetTempPath()) ("scoping-selftest-" + [guid]::NewGuid())
    $userRoot = Join-Path $scratch 'user'
    $roaming = Join-Path $userRoot 'AppData\Roaming'
    $local = Join-Path $userRoot 'AppData\Local'
    $temp = Join-Path $local 'Temp'
    $work = Join-Path $scratch 'work'
    foreach ($folder in @($roaming, $temp, $work)) {
        New-Item -ItemType Directory -Force -Path $folder | Out-Null
    }
    # platformdirs asks Windows for the known folders, not the APPDATA variables, unless
    # its WIN_PD_OVERRIDE_* variables say otherwise: both are set, for the app and for Qt.
    $variables = [ordered]@{
        USERPROFILE                   = $userRoot
        HOME                          = $userRoot
        APPDATA                       = $roaming
        LOCALAPPDATA                  = $local
        WIN_PD_OVERRIDE_APPDATA       = $roaming
        WIN_PD_OVERRIDE_LOCAL_APPDATA = $local
        TEMP                          = $temp
        TMP                           = $temp
        # A build machine may have no interactive desktop.
        QT_QPA_PLATFORM               = 'offscreen'
    }
    $saved = @{}
    foreach ($name in $variables.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name, 'Process')
        [Environment]::SetEnvironmentVariable($name, $variables[$name], 'Process')
    }
    Push-Location $work
    try {
        & $exe self-test --gui
        $code = $LASTEXITCODE
    }
    finally {
        Pop-Location
        foreach ($name in $variables.Keys) {
            [Environment]::SetEnvironmentVariable($name, $saved[$name], 'Process')
        }
    }
    if ($code -ne 0) { throw "the self-test of the $Label bundle failed (exit code $code)" }
    $written = Get-ChildItem -Path $userRoot -Recurse -Filter '*.db' -ErrorAction SilentlyContinue |
        Select-Object -First 1
    if ($written) { throw "the self-test wrote a database in the user's folders: $($written.FullName)" }
    Remove-Item -Recurse -Force $scratch
}

$uv = Get-Command 'uv.exe' -ErrorAction SilentlyContinue
if (-not $uv) { throw 'uv is needed: python -m pip install uv (or winget install astral-sh.uv)' }
$iscc = Find-Iscc

# Signing is set up before the build, so that a missing signtool fails in seconds.
$signArgs = $null
$isccSignCommand = $null
if ($env:WINDOWS_SIGN_CERT) {
    $signtool = Find-SignTool
    $timestampUrl = if ($env:WINDOWS_TIMESTAMP_URL) { $env:WINDOWS_TIMESTAMP_URL } else { 'http://timestamp.digicert.com' }
    $common = @('sign', '/fd', 'SHA256', '/tr', $timestampUrl, '/td', 'SHA256')
    # ISCC takes the sign command as one string; $q stands for a double quote there, which
    # keeps paths with spaces intact without PowerShell's quoting of native arguments.
    $isccCommon = '$q' + $signtool + '$q ' + ($common -join ' ')
    if ($env:WINDOWS_SIGN_CERT -match '^[0-9A-Fa-f]{40}$') {
        $signArgs = $common + @('/sha1', $env:WINDOWS_SIGN_CERT)
        $isccSignCommand = $isccCommon + ' /sha1 ' + $env:WINDOWS_SIGN_CERT + ' $q$f$q'
    }
    elseif (Test-Path -PathType Leaf $env:WINDOWS_SIGN_CERT) {
        $pfx = (Resolve-Path $env:WINDOWS_SIGN_CERT).Path
        $signArgs = $common + @('/f', $pfx)
        $isccSignCommand = $isccCommon + ' /f $q' + $pfx + '$q'
        if ($env:WINDOWS_SIGN_PASSWORD) {
            $signArgs += @('/p', $env:WINDOWS_SIGN_PASSWORD)
            $isccSignCommand += ' /p $q' + $env:WINDOWS_SIGN_PASSWORD + '$q'
        }
        $isccSignCommand += ' $q$f$q'
    }
    else {
        throw "WINDOWS_SIGN_CERT is neither a certificate thumbprint (40 hex digits) nor a .pfx file: $($env:WINDOWS_SIGN_CERT)"
    }
}

Say 'runtime-only environment in build\venv-windows'
# Its own environment, from uv.lock, without the dev group: the bundle must not carry pytest.
$env:UV_PROJECT_ENVIRONMENT = $venv
Invoke-Checked $uv.Path @('sync', '--frozen', '--no-dev', '--group', 'packaging', '--no-editable', '--quiet')
foreach ($unwanted in @('pytest', 'hypothesis', 'pytestqt')) {
    if (Test-Path (Join-Path $venv "Lib\site-packages\$unwanted")) {
        throw "$unwanted is in the runtime environment; the bundle must not carry it"
    }
}
$python = Join-Path $venv 'Scripts\python.exe'
$machine = (& $python -c 'import platform; print(platform.machine())').Trim()
if ($machine -ne 'AMD64') {
    throw "the environment's Python is $machine; the installer is for x64 (install an x64 Python with uv python install)"
}
$version = (& $python -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])").Trim()
if (-not $version) { throw 'no [project] version in pyproject.toml' }
# Windows' version resources take numbers only: 0.2.0rc1 becomes 0.2.0 there.
$fileVersion = [regex]::Match($version, '^\d+(\.\d+){0,3}').Value

Say "PyInstaller (version $version)"
if (Test-Path $bundle) { Remove-Item -Recurse -Force $bundle }
Invoke-Checked $uv.Path @('run', '--no-sync', 'pyinstaller', '--noconfirm', '--log-level', 'WARN',
    '--distpath', (Join-Path $root 'dist'), '--workpath', (Join-Path $root 'build\pyinstaller'),
    (Join-Path $root 'packaging\scoping-app.spec'))
if (-not (Test-Path $exe)) { throw "PyInstaller made no $exe" }
if (Get-ChildItem -Path $bundle -Recurse -Directory -Filter 'pytest*' | Select-Object -First 1) {
    throw 'pytest found in the bundle'
}
$reported = (& $exe --version | Out-String).Trim()
if ($reported -ne "scoping-app $version") {
    throw "the bundle says '$reported', pyproject.toml says $version"
}

# The shortcuts start the windowed twin the spec builds; without it they would start the
# console program and open a console window beside the app's.
$guiExe = 'scoping-studio.exe'
if (-not (Test-Path (Join-Path $bundle $guiExe))) {
    Write-Warning "the bundle has no $guiExe; the shortcuts will start scoping-app.exe, with a console window"
    $guiExe = 'scoping-app.exe'
}

Test-Bundle 'unsigned'

if ($signArgs) {
    Say 'signing the executables'
    $ours = Get-ChildItem -Path $bundle -Filter '*.exe' | ForEach-Object { $_.FullName }
    Invoke-Checked $signtool ($signArgs + $ours)
    Invoke-Checked $signtool (@('verify', '/pa') + $ours)
    # A signature changes the file; the signed program is the one to check.
    Test-Bundle 'signed'
}
else {
    Say 'not signing: WINDOWS_SIGN_CERT is not set'
}

Say 'Inno Setup'
$isccArgs = @("/DAppVersion=$version", "/DAppFileVersion=$fileVersion", "/DGuiExe=$guiExe", '/Qp')
if ($isccSignCommand) {
    $isccArgs += @("/Sscoping=$isccSignCommand", '/DSignTool=scoping')
}
$isccArgs += (Join-Path $root 'packaging\windows\scoping-app.iss')
Invoke-Checked $iscc $isccArgs
$setup = Join-Path $root "dist\scoping-app-$version-windows-x64-setup.exe"
if (-not (Test-Path $setup)) { throw "Inno Setup made no $setup" }
if ($signArgs) {
    Invoke-Checked $signtool @('verify', '/pa', $setup)
}

$seconds = [int]((Get-Date) - $started).TotalSeconds
Say "done in $seconds s: $setup"
if (-not $signArgs) {
    Write-Host 'The installer is not signed: SmartScreen warns about it on other computers. Set WINDOWS_SIGN_CERT to sign it.'
}
