<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
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
        <source>It is kept in PostgreSQL's password file %1, which only your user account can read.</source>
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
        <source>Ask the regional IT staff for these values. The password is never written to the program's settings or log.</source>
        <translation>Эти данные сообщают специалисты регионального IT-отдела. Пароль не записывается ни в настройки программы, ни в журнал.</translation>
    </message>
    <message>
        <source>Type the server's name or address.</source>
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
    <name>ServerOption</name>
    <message>
        <source>Keep the region's data on the regional &amp;server (PostgreSQL)…</source>
        <translation>Хранить данные региона на региональном &amp;сервере (PostgreSQL)…</translation>
    </message>
    <message>
        <source>The data is kept on the server %1.</source>
        <translation>Данные хранятся на сервере %1.</translation>
    </message>
</context>
</TS>
