; Inno Setup 6 script for the Windows installer of Returns Desk.
; Build: iscc /DAppVersion=0.1.0 packaging\installer.iss  (packaging\build.ps1 does it)
;
; Per-user install without admin rights by default; per-machine when the admin chooses it
; (the dialog, or /ALLUSERS on the command line). Silent install for admins:
;   ReturnsDeskSetup-0.1.0.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART [/ALLUSERS] [/TASKS="startatlogin"]
; Data and logs live in %LOCALAPPDATA%\ReturnsDesk and are kept on uninstall.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6E1B7C2A-4F1D-4C8E-9B7A-2D5F0C3E8A41}
AppName=Returns Desk
AppVersion={#AppVersion}
AppPublisher=Returns Desk
; {autopf} is {userpf} in a per-user install; the code below expands the same folder but
; falls back to %LOCALAPPDATA%\Programs (its Windows default) where the known folder
; FOLDERID_UserProgramFiles is missing, as under Wine 8 (scripts/test-windows.sh).
DefaultDirName={code:DefaultInstallDir}\Returns Desk
DefaultGroupName=Returns Desk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
OutputDir=..\dist
OutputBaseFilename=ReturnsDeskSetup-{#AppVersion}
SetupIconFile=..\returns_desk\resources\app-icon.ico
UninstallDisplayIcon={app}\returns-desk.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
CloseApplications=yes

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked
Name: "startatlogin"; Description: "Start Returns Desk when this user logs in"; Flags: unchecked

[Files]
Source: "..\dist\returns-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Dirs]
; Per-machine install only: the folder of the admin file (admin PIN, an off-host token URL).
; Users may read it; the file the admin-pin run below writes belongs to Administrators, so a
; clerk's account can neither change nor remove it (docs/install.md, "The admin PIN").
Name: "{commonappdata}\ReturnsDesk"; Flags: uninsneveruninstall; Check: IsAdminInstallMode

[Icons]
Name: "{group}\Returns Desk"; Filename: "{app}\returns-desk.exe"
Name: "{group}\Returns Desk (demo)"; Filename: "{app}\returns-desk.exe"; Parameters: "--demo"
Name: "{autodesktop}\Returns Desk"; Filename: "{app}\returns-desk.exe"; Tasks: desktopicon
Name: "{userstartup}\Returns Desk"; Filename: "{app}\returns-desk.exe"; Tasks: startatlogin

[Run]
Filename: "{app}\returns-desk-cli.exe"; Parameters: "admin-pin --keep-pin"; Flags: runhidden waituntilterminated; StatusMsg: "Creating the admin file..."; Check: IsAdminInstallMode
Filename: "{app}\returns-desk-cli.exe"; Parameters: "--self-test"; Flags: runhidden waituntilterminated; StatusMsg: "Checking the installation..."
Filename: "{app}\returns-desk.exe"; Description: "Start Returns Desk"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] for the data folder: the record of every handover stays.

[Code]
function DefaultInstallDir(Param: String): String;
begin
  if IsAdminInstallMode then
    Result := ExpandConstant('{commonpf}')
  else
    try
      Result := ExpandConstant('{userpf}');
    except
      Result := ExpandConstant('{localappdata}\Programs');
    end;
end;
