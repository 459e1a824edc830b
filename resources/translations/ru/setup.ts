<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>KeyPage</name>
    <message>
        <source>Setup complete</source>
        <translation>Настройка завершена</translation>
    </message>
    <message>
        <source>The program has created the signing key of this installation.</source>
        <translation>Программа создала ключ подписи этой установки.</translation>
    </message>
    <message>
        <source>Your packages are signed with this key. Tell the organisation that receives your data this fingerprint (by phone or letter), so it can check that the packages are really yours:</source>
        <translation>Этим ключом подписываются ваши пакеты. Сообщите организации, которая получает ваши данные, этот отпечаток (по телефону или письмом), чтобы она могла убедиться, что пакеты действительно от вас:</translation>
    </message>
</context>
<context>
    <name>OrganisationPage</name>
    <message>
        <source>Your organisation</source>
        <translation>Ваша организация</translation>
    </message>
    <message>
        <source>Choose the municipality, then pick the organisation from the list or type its official code (e.g. the INN) and full name.</source>
        <translation>Выберите муниципальное образование, затем выберите организацию из списка или введите её официальный код (например, ИНН) и полное наименование.</translation>
    </message>
    <message>
        <source>— not specified —</source>
        <translation>— не указано —</translation>
    </message>
    <message>
        <source>&amp;Municipality:</source>
        <translation>&amp;Муниципальное образование:</translation>
    </message>
    <message>
        <source>Organisations in the directory:</source>
        <translation>Организации в справочнике:</translation>
    </message>
    <message>
        <source>Official &amp;code:</source>
        <translation>Официальный &amp;код:</translation>
    </message>
    <message>
        <source>Full &amp;name:</source>
        <translation>Полное &amp;наименование:</translation>
    </message>
    <message>
        <source>Choose the municipality: it decides where your reports are sent.</source>
        <translation>Выберите муниципальное образование: от него зависит, куда отправляются ваши отчёты.</translation>
    </message>
    <message>
        <source>Type the organisation&apos;s official code.</source>
        <translation>Введите официальный код организации.</translation>
    </message>
    <message>
        <source>Type the organisation&apos;s full name.</source>
        <translation>Введите полное наименование организации.</translation>
    </message>
    <message>
        <source>The directory has no organisations of this kind here yet: type the code and name below.</source>
        <translation>В справочнике пока нет организаций этого вида в выбранном муниципальном образовании: введите код и наименование ниже.</translation>
    </message>
</context>
<context>
    <name>RolePage</name>
    <message>
        <source>Who works in this program?</source>
        <translation>Для кого настраивается программа?</translation>
    </message>
    <message>
        <source>Choose the kind of your organisation. It cannot be changed later.</source>
        <translation>Выберите вид вашей организации. Позже его изменить нельзя.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>ProfOrient Desktop setup</source>
        <translation>Настройка ProfOrient Desktop</translation>
    </message>
    <message>
        <source>Correct the organisation&apos;s name</source>
        <translation>Исправление наименования организации</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Check before saving</source>
        <translation>Проверьте перед записью</translation>
    </message>
    <message>
        <source>Nothing has been saved yet. The role and the code cannot be changed later.</source>
        <translation>Пока ничего не записано. Вид организации и код позже изменить нельзя.</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Записать</translation>
    </message>
    <message>
        <source>Kind of organisation: %1</source>
        <translation>Вид организации: %1</translation>
    </message>
    <message>
        <source>Municipality: %1</source>
        <translation>Муниципальное образование: %1</translation>
    </message>
    <message>
        <source>Code: %1</source>
        <translation>Код: %1</translation>
    </message>
    <message>
        <source>Name: %1</source>
        <translation>Наименование: %1</translation>
    </message>
</context>
</TS>
