; Inno Setup script for 平安写作 on Windows. NOT built or tested here (the project is developed and
; tested on Debian); kept with the spec so a Windows build starts from a working outline.
; Build on Windows, from the repository root:
;   py -3.11 -m venv .build-venv
;   .build-venv\Scripts\pip install -r packaging\build-requirements.txt .
;   .build-venv\Scripts\pyinstaller --noconfirm --clean packaging\pingan-writer.spec
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\pingan-writer.iss
; The installer is written to dist\pingan-writer-setup-<version>.exe.

#define AppName "平安写作"
#define AppVersion "0.1.0"
#define AppExe "pingan-writer.exe"

[Setup]
AppId={{6F1C2B7E-3D4A-4E59-9B1F-5A7C2E8D0B14}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Pingan Writer developers
DefaultDirName={autopf}\PinganWriter
DefaultGroupName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=pingan-writer-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
UninstallDisplayIcon={app}\{#AppExe}
; Optional: generate packaging\windows\pingan-writer.ico from resources\icons (e.g. with ImageMagick)
; and uncomment; the spec picks the same file up for the program's icon.
; SetupIconFile=pingan-writer.ico

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The PyInstaller one-folder build.
Source: "..\..\dist\pingan-writer\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .pingan drafts open in the app when double-clicked (the Windows side of the Linux MIME type).
Root: HKA; Subkey: "Software\Classes\.pingan"; ValueType: string; ValueName: ""; ValueData: "PinganWriter.Draft"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\PinganWriter.Draft"; ValueType: string; ValueName: ""; ValueData: "平安写作稿件"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\PinganWriter.Draft\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\PinganWriter.Draft\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
; Offered under 打开方式 for sources.
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".docx"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".pdf"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".txt"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".pingan"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
