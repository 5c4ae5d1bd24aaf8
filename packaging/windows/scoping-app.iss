; Inno Setup 6 script of the AI Scoping Studio installer: per user, no administrator
; rights, into %LOCALAPPDATA%\Programs\AI Scoping Studio.
;
;   iscc /DAppVersion=0.1.0 packaging\windows\scoping-app.iss
;
; packaging\windows\build-windows.ps1 runs it after PyInstaller has made dist\scoping-app\.
; Needs Inno Setup 6.3 or later (the x64compatible architecture name).
;
; Optional definitions on the command line:
;   /DAppFileVersion=0.2.0    the numeric version for the setup's own version resource, when
;                             AppVersion has a pre-release tag (0.2.0rc1); default AppVersion
;   /DGuiExe=scoping-studio.exe  what the shortcuts start (see below)
;   /DSignTool=NAME           sign setup and uninstaller with the sign tool NAME given to iscc
;                             as /SNAME=COMMAND ($f stands for the file)

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=0.1.0 packaging\windows\scoping-app.iss
#endif
#ifndef AppFileVersion
  #define AppFileVersion AppVersion
#endif
; The spec builds two executables from one program: scoping-app.exe, a console program for
; the command line, and scoping-studio.exe, its windowed twin. Shortcuts start the twin, so
; that opening the window does not open a console window beside it.
#ifndef GuiExe
  #define GuiExe "scoping-studio.exe"
#endif
#define AppName "AI Scoping Studio"
#define AppPublisher "AI Scoping Studio"
#define AppUrl "https://aiscoping.studio/"

[Setup]
; Fixed for ever: Windows recognises an upgrade (and the uninstaller entry) by this id.
; The doubled brace is Inno Setup's escape for a literal one.
AppId={{28CF95F8-F18F-4D3B-B685-3FAB5244A1B7}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppPublisherURL={#AppUrl}
AppSupportURL={#AppUrl}
AppUpdatesURL={#AppUrl}
; ASCII only: Inno Setup reads a script without a byte-order mark in the ANSI code page.
AppCopyright=Copyright (C) 2026 {#AppPublisher}
VersionInfoVersion={#AppFileVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} setup
VersionInfoCompany={#AppPublisher}
; Per user: no UAC prompt, and {autopf} resolves to {userpf} (%LOCALAPPDATA%\Programs),
; {autoprograms} and {autodesktop} to the user's own Start menu and desktop. No override
; to a per-machine install: one kind of install keeps upgrades and uninstalls simple.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; The bundle is 64-bit Python and Qt; x64compatible also admits Windows 11 on Arm, whose
; x64 emulation runs it.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 supports Windows 10 1809 and later.
MinVersion=10.0.17763
; Relative paths are taken from this script's folder (SourceDir's default).
OutputDir=..\..\dist
OutputBaseFilename=scoping-app-{#AppVersion}-windows-x64-setup
SetupIconFile=..\icons\scoping-app.ico
UninstallDisplayIcon={app}\scoping-app.exe
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
; A running copy holds its DLLs open; the Restart Manager asks it to close before files
; are replaced, and does not restart it behind the user's back.
CloseApplications=yes
RestartApplications=no
SetupLogging=yes
#ifdef SignTool
SignTool={#SignTool}
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade must not keep the previous version's libraries: Python would load a stale
; module or DLL left beside the new ones. The bundle's folder is replaced whole.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\..\dist\scoping-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; Started in Documents: the open and save dialogs begin in the working folder, and the
; install folder is no place for a user's project files.
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{userdocs}"; Comment: "Scope an AI project before any code is written"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{userdocs}"; Comment: "Scope an AI project before any code is written"; Tasks: desktopicon

[Run]
Filename: "{app}\{#GuiExe}"; WorkingDir: "{userdocs}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the projects database and settings live in the user's data folder
; under %LOCALAPPDATA%, are the user's work, and outlive the program on purpose.
