<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>OperatorDialog</name>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Several operators work with the regional database. Your name is written in the change log next to every change you make until the program is closed. «Cancel» records the database user «%1» instead.</source>
        <translation>С региональной базой данных работают несколько операторов. Ваше имя записывается в журнал изменений рядом с каждым вашим изменением, пока программа открыта. При нажатии «Отмена» вместо имени записывается пользователь базы данных «%1».</translation>
    </message>
    <message>
        <source>e.g. Ivanova A. P.</source>
        <translation>например, Иванова А. П.</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>Ваше &amp;имя:</translation>
    </message>
</context>
<context>
    <name>ServerConnectionDialog</name>
    <message>
        <source>Regional database server</source>
        <translation>Региональный сервер базы данных</translation>
    </message>
    <message>
        <source>e.g. db.region.local or 10.0.0.5</source>
        <translation>например, db.region.local или 10.0.0.5</translation>
    </message>
    <message>
        <source>&amp;Remember the password on this computer</source>
        <translation>&amp;Запомнить пароль на этом компьютере</translation>
    </message>
    <message>
        <source>It is kept in PostgreSQL&apos;s password file %1, which only your user account can read.</source>
        <translation>Он хранится в файле паролей PostgreSQL %1, который может прочитать только ваша учётная запись.</translation>
    </message>
    <message>
        <source>&amp;Test the connection</source>
        <translation>&amp;Проверить подключение</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>П&amp;одключиться</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Сервер:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>П&amp;орт:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;База данных:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>По&amp;льзователь:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Па&amp;роль:</translation>
    </message>
    <message>
        <source>Ask the regional IT staff for these values. The password is never written to the program&apos;s settings or log.</source>
        <translation>Эти данные сообщают специалисты регионального IT-отдела. Пароль не записывается ни в настройки программы, ни в журнал.</translation>
    </message>
    <message>
        <source>Type the server&apos;s name or address.</source>
        <translation>Введите имя или адрес сервера.</translation>
    </message>
    <message>
        <source>Type the database name.</source>
        <translation>Введите имя базы данных.</translation>
    </message>
    <message>
        <source>Type the user name.</source>
        <translation>Введите имя пользователя.</translation>
    </message>
    <message>
        <source>the database is already set up by another operator</source>
        <translation>база данных уже настроена другим оператором</translation>
    </message>
    <message>
        <source>the database is empty and will be set up now</source>
        <translation>база данных пуста и будет настроена сейчас</translation>
    </message>
    <message>
        <source>Connected to PostgreSQL %1 as «%2»: %3.</source>
        <translation>Подключение к PostgreSQL %1 под именем «%2» установлено: %3.</translation>
    </message>
</context>
<context>
    <name>ServerFailureDialog</name>
    <message>
        <source>The regional server cannot be opened</source>
        <translation>Не удалось открыть региональный сервер</translation>
    </message>
    <message>
        <source>The program could not open the data on the regional server «%1».</source>
        <translation>Программа не смогла открыть данные на региональном сервере «%1».</translation>
    </message>
    <message>
        <source>Try again once the server is available, change the connection, or work with the local database of this computer instead.</source>
        <translation>Повторите попытку, когда сервер станет доступен, измените подключение или работайте с локальной базой данных этого компьютера.</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <source>&amp;Change the connection…</source>
        <translation>&amp;Изменить подключение…</translation>
    </message>
    <message>
        <source>Work with the &amp;local database</source>
        <translation>Работать с &amp;локальной базой</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>&amp;Выход</translation>
    </message>
</context>
<context>
    <name>ServerOption</name>
    <message>
        <source>Keep the region&apos;s data on the regional &amp;server (PostgreSQL)…</source>
        <translation>Хранить данные региона на региональном &amp;сервере (PostgreSQL)…</translation>
    </message>
    <message>
        <source>The data is kept on the server %1.</source>
        <translation>Данные хранятся на сервере %1.</translation>
    </message>
</context>
<context>
    <name>ServerSettingsBox</name>
    <message>
        <source>Regional server</source>
        <translation>Региональный сервер</translation>
    </message>
    <message>
        <source>&amp;Change the server connection…</source>
        <translation>&amp;Изменить подключение к серверу…</translation>
    </message>
    <message>
        <source>Work with the local data&amp;base</source>
        <translation>Работать с &amp;локальной базой</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>База данных:</translation>
    </message>
    <message>
        <source>Operator in the change log:</source>
        <translation>Оператор в журнале изменений:</translation>
    </message>
    <message>
        <source>the local file on this computer</source>
        <translation>локальный файл на этом компьютере</translation>
    </message>
    <message>
        <source>the server %1</source>
        <translation>сервер %1</translation>
    </message>
    <message>
        <source>The program works with the server %1 after it is restarted.</source>
        <translation>Программа будет работать с сервером %1 после перезапуска.</translation>
    </message>
    <message>
        <source>Work with the local database</source>
        <translation>Работа с локальной базой</translation>
    </message>
    <message>
        <source>Forget the regional server %1 and work with the local database of this computer from the next start? The data on the server stay on the server, and other operators keep working with them.</source>
        <translation>Забыть региональный сервер %1 и со следующего запуска работать с локальной базой данных этого компьютера? Данные на сервере остаются на сервере, другие операторы продолжают с ними работать.</translation>
    </message>
    <message>
        <source>The program works with the local database after it is restarted.</source>
        <translation>Программа будет работать с локальной базой данных после перезапуска.</translation>
    </message>
</context>
<context>
    <name>ServerStart</name>
    <message>
        <source>Work with the local database</source>
        <translation>Работа с локальной базой</translation>
    </message>
    <message>
        <source>Forget the regional server %1 and work with the local database of this computer? The data on the server stay on the server, and other operators keep working with them. You can connect to the server again in «Settings».</source>
        <translation>Забыть региональный сервер %1 и работать с локальной базой данных этого компьютера? Данные на сервере остаются на сервере, другие операторы продолжают с ними работать. Подключиться к серверу снова можно в разделе «Настройки».</translation>
    </message>
</context>
</TS>
