@echo off
rem Lap bao cao.bat - the Windows zip's double-click script (docs/windows.md).
rem Runs "baocao.exe run" on the folder it sits in: input\<year>\ -> output\<year>\,
rem keeps the window open with the findings and the summary, then opens the
rem report.  ASCII but for the messages, which are printed after "chcp 65001"
rem (UTF-8); package.sh writes it with CRLF line ends.  No parenthesised
rem blocks: a folder name with ")" in it (%~dp0) would end them.
setlocal EnableExtensions
chcp 65001 >nul
cd /d "%~dp0"
set "RC=2"
set "YEAR="
for /d %%y in (input\20??) do set "YEAR=%%~nxy"
if not defined YEAR goto noyear
echo Đang lập báo cáo năm %YEAR% từ thư mục input\%YEAR%\ ...
echo.
"%~dp0baocao.exe" run --input input --output output --year %YEAR%
set "RC=%ERRORLEVEL%"
echo.
if "%RC%"=="0" echo Xong: mọi tệp hợp lệ.
if "%RC%"=="1" echo Xong: báo cáo đã lập từ các tệp hợp lệ; các tệp bị từ chối và lý do ở trên.
if "%RC%"=="2" echo Không lập được báo cáo: xem thông báo ở trên.
if not exist "output\%YEAR%\bao-cao-%YEAR%.html" goto end
echo Báo cáo ở thư mục: "%~dp0output\%YEAR%"
if not defined BAOCAO_NO_OPEN start "" "output\%YEAR%\bao-cao-%YEAR%.html"
goto end
:noyear
echo Không thấy thư mục năm nào trong "%~dp0input", ví dụ input\2026\.
echo Hãy chép các tệp báo cáo của đơn vị vào input\2026\ rồi chạy lại.
:end
echo.
if not defined BAOCAO_NO_PAUSE pause
endlocal & exit /b %RC%
