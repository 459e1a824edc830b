; Inno Setup 6 script of the Windows installer for ProfOrient Desktop.
;
; Build the one-folder application first (python installer\build.py), then:
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 installer\proforient.iss
; or let build.py do both: python installer\build.py --installer
; docs/building.md gives the whole procedure.
;
; The installer needs no administrator rights: it installs for the current
; user into %LOCALAPPDATA%\Programs\ProfOrient and registers the package
; extension under HKEY_CURRENT_USER. The data folder is
; %LOCALAPPDATA%\ProfOrient, outside the installation folder, and the
; uninstaller removes only what it installed, so the data stays.
;
; The file is UTF-8 with a byte order mark, which Inno Setup 6 needs for the
; Russian texts below.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BuildDir
  #define BuildDir "..\dist\ProfOrient"
#endif

#define AppName "ProfOrient Desktop"
#define AppExe "ProfOrient.exe"
#define CliExe "proforient-cli.exe"
; The exchange package suffix, FILE_SUFFIX in proforient_desktop/exchange/package.py.
#define PackageExtension ".proforient"
#define PackageProgId "ProfOrient.Package"

#if !FileExists(AddBackslash(BuildDir) + AppExe)
  #error The one-folder build is missing: run python installer\build.py first
#endif

[Setup]
AppId={{1ADE8649-0A1E-4704-939B-3DA167C3C1CE}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=ProfOrient Desktop
DefaultDirName={userpf}\ProfOrient
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
SetupIconFile=proforient.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputBaseFilename=ProfOrient-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "russian"; MessagesFile: "compiler:Languages\Russian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BuildDir}\{#AppExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BuildDir}\{#CliExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BuildDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update replaces the whole runtime folder: a Qt plugin or library left over
; from an older version could be loaded by the new one and crash it.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Мониторинг профориентационной работы"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; Double-clicking a package starts "ProfOrient.exe FILE", which opens the
; window with the import preview of that file.
Root: HKCU; Subkey: "Software\Classes\{#PackageExtension}"; ValueType: string; ValueName: ""; ValueData: "{#PackageProgId}"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\{#PackageProgId}"; ValueType: string; ValueName: ""; ValueData: "Пакет данных ПрофОриент"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#PackageProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKCU; Subkey: "Software\Classes\{#PackageProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
