<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>Application</name>
    <message>
        <source>Damaged data file</source>
        <translation>Файл данных повреждён</translation>
    </message>
    <message>
        <source>The data file is damaged. Restore the newest intact backup «%1»? The damaged file is kept beside it for inspection.</source>
        <translation>Файл данных повреждён. Восстановить последнюю исправную резервную копию «%1»? Повреждённый файл будет сохранён рядом для проверки.</translation>
    </message>
    <message>
        <source>The data file is missing or empty, although the folder holds its backups. Restore the newest intact backup «%1»?</source>
        <translation>Файл данных отсутствует или пуст, хотя в папке есть его резервные копии. Восстановить последнюю исправную копию «%1»?</translation>
    </message>
    <message>
        <source>The data was restored from «%1».</source>
        <translation>Данные восстановлены из «%1».</translation>
    </message>
    <message>
        <source>The data was restored from «%1». The damaged file was saved as «%2».</source>
        <translation>Данные восстановлены из «%1». Повреждённый файл сохранён как «%2».</translation>
    </message>
    <message>
        <source>The data folder %1 cannot be created: %2. Start the program with another folder (--data-dir) or check the access rights.</source>
        <translation>Не удалось создать папку данных «%1» (%2). Запустите программу с другой папкой (--data-dir) или проверьте права доступа.</translation>
    </message>
    <message>
        <source>ProfOrient Desktop is already running</source>
        <translation>ProfOrient Desktop уже запущен</translation>
    </message>
    <message>
        <source>A command (proforient …) is working with the data folder %1. Wait until it finishes, then start the program again.</source>
        <translation>С папкой данных %1 сейчас работает команда (proforient …). Дождитесь её завершения и запустите программу снова.</translation>
    </message>
    <message>
        <source>Data folder is busy</source>
        <translation>Папка данных занята</translation>
    </message>
    <message>
        <source>The program is already open with the data folder %1. Switch to that window, or close it and start the program again.</source>
        <translation>Программа уже открыта с папкой данных %1. Перейдите в её окно или закройте его и запустите программу снова.</translation>
    </message>
    <message>
        <source>Data cannot be opened</source>
        <translation>Не удаётся открыть данные</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Opening the data…</source>
        <translation>Открываю данные…</translation>
    </message>
    <message>
        <source>Demo data: not for reporting</source>
        <translation>Демонстрационные данные: не для отчётности</translation>
    </message>
    <message>
        <source> — demo data</source>
        <translation> — демонстрационные данные</translation>
    </message>
    <message>
        <source>Import of packages</source>
        <translation>Загрузка пакетов</translation>
    </message>
    <message>
        <source>Only a municipality or the region imports packages; a school or college installation does not. To restore your own organisation&apos;s data from its last package, open «Exchange» and press «Restore from own package…».</source>
        <translation>Пакеты загружает только муниципальный или региональный оператор, в программе школы или колледжа их загрузки нет. Чтобы восстановить данные своей организации из её последнего пакета, откройте раздел «Обмен» и нажмите «Восстановить из своего пакета…».</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>Open the &amp;data folder</source>
        <translation>Открыть &amp;папку данных</translation>
    </message>
    <message>
        <source>Make a &amp;backup now</source>
        <translation>Сделать &amp;резервную копию</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>&amp;Восстановить из резервной копии…</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;О программе</translation>
    </message>
    <message>
        <source>Click to open the data folder</source>
        <translation>Щёлкните, чтобы открыть папку данных</translation>
    </message>
    <message>
        <source>Data: &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt;</source>
        <translation>Данные: &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Резервная копия</translation>
    </message>
    <message>
        <source>The backup failed: check the free disk space.</source>
        <translation>Не удалось сделать резервную копию: проверьте свободное место на диске.</translation>
    </message>
    <message>
        <source>Backup saved: %1</source>
        <translation>Резервная копия сохранена: %1</translation>
    </message>
    <message>
        <source>Replace the current data by the backup «%1»? The current data is backed up first, so this can be reversed.</source>
        <translation>Заменить текущие данные резервной копией «%1»? Сначала будет сохранена копия текущих данных, так что это действие можно отменить.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Восстановление</translation>
    </message>
    <message>
        <source>The data was restored from «%1».</source>
        <translation>Данные восстановлены из «%1».</translation>
    </message>
    <message>
        <source>ProfOrient Desktop, version %1.
Career-guidance monitoring of the programme «Учись и работай в Хабаровском крае».
Data folder: %2</source>
        <translation>ProfOrient Desktop, версия %1.
Мониторинг профориентационной работы по программе «Учись и работай в Хабаровском крае».
Папка данных: %2</translation>
    </message>
    <message>
        <source>About</source>
        <translation>О программе</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Indicators</source>
        <translation>Показатели</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Мероприятия</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Сводка</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Обмен</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Справочник</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
</context>
<context>
    <name>PlaceholderScreen</name>
    <message>
        <source>This section is not available yet in this version.</source>
        <translation>Раздел ещё не доступен в этой версии программы.</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Backup made at start</source>
        <translation>копия при запуске</translation>
    </message>
    <message>
        <source>Backup made at close</source>
        <translation>копия при закрытии</translation>
    </message>
    <message>
        <source>Backup made by hand</source>
        <translation>копия, сделанная вручную</translation>
    </message>
    <message>
        <source>Backup made before a restore</source>
        <translation>копия перед восстановлением</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>Восстановление из резервной копии</translation>
    </message>
    <message>
        <source>Choose the state to return to. The current data is backed up first.</source>
        <translation>Выберите состояние, к которому нужно вернуться. Перед этим будет сохранена копия текущих данных.</translation>
    </message>
    <message>
        <source>There are no backups yet in %1.</source>
        <translation>В папке %1 пока нет резервных копий.</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Correct the &amp;name…</source>
        <translation>Исправить &amp;наименование…</translation>
    </message>
    <message>
        <source>&amp;Open the data folder</source>
        <translation>&amp;Открыть папку данных</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>Screen &amp;language:</source>
        <translation>&amp;Язык интерфейса:</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Вид:</translation>
    </message>
    <message>
        <source>Code:</source>
        <translation>Код:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Наименование:</translation>
    </message>
    <message>
        <source>Municipality:</source>
        <translation>Муниципальное образование:</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Данные</translation>
    </message>
    <message>
        <source>Data file:</source>
        <translation>Файл данных:</translation>
    </message>
    <message>
        <source>Backups:</source>
        <translation>Резервные копии:</translation>
    </message>
    <message>
        <source>The program stores counts and activity descriptions only, no personal data of students.</source>
        <translation>Программа хранит только численности и описания мероприятий, никаких персональных данных обучающихся.</translation>
    </message>
    <message>
        <source>The new language is used after the program is restarted.</source>
        <translation>Новый язык будет использоваться после перезапуска программы.</translation>
    </message>
</context>
</TS>
