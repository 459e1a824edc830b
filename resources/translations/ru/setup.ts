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
    <name>RestoreFilePage</name>
    <message>
        <source>Restore from your own package</source>
        <translation>Восстановление из своего пакета</translation>
    </message>
    <message>
        <source>Choose the last package your organisation exported on the old computer (a file ending in .proforient). It is only read here; nothing is saved yet.</source>
        <translation>Выберите последний пакет, который ваша организация выгрузила на старом компьютере (файл с окончанием .proforient). Здесь он только читается, ничего ещё не записывается.</translation>
    </message>
    <message>
        <source>Path to the package file</source>
        <translation>Путь к файлу пакета</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Обзор…</translation>
    </message>
    <message>
        <source>Reporting year</source>
        <translation>Отчётный год</translation>
    </message>
    <message>
        <source>Counts filled in</source>
        <translation>Заполнено численностей</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Мероприятий</translation>
    </message>
    <message>
        <source>Package &amp;file:</source>
        <translation>&amp;Файл пакета:</translation>
    </message>
    <message>
        <source>Package to restore from</source>
        <translation>Пакет для восстановления</translation>
    </message>
    <message>
        <source>ProfOrient packages (%1);;All files (*)</source>
        <translation>Пакеты ProfOrient (%1);;Все файлы (*)</translation>
    </message>
    <message>
        <source>«%1» is a folder: choose the package file (.proforient) in it with «Browse…».</source>
        <translation>«%1» — это папка: выберите в ней файл пакета (.proforient) кнопкой «Обзор…».</translation>
    </message>
    <message>
        <source>The file «%1» is not found: check the path or choose the file with «Browse…».</source>
        <translation>Файл «%1» не найден: проверьте путь или выберите файл кнопкой «Обзор…».</translation>
    </message>
</context>
<context>
    <name>RestoreKeyPage</name>
    <message>
        <source>A new signing key</source>
        <translation>Новый ключ подписи</translation>
    </message>
    <message>
        <source>The old computer&apos;s key stays with it: this computer signs packages with a new key.</source>
        <translation>Ключ старого компьютера остался на нём: этот компьютер подписывает пакеты новым ключом.</translation>
    </message>
    <message>
        <source>Save the &amp;key card after the restore:</source>
        <translation>Сохранить &amp;карточку ключа после восстановления:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Обзор…</translation>
    </message>
    <message>
        <source>Fingerprint of the new key:</source>
        <translation>Отпечаток нового ключа:</translation>
    </message>
    <message>
        <source>The new key could not be created in the data folder: %1. Check the folder&apos;s permissions.</source>
        <translation>Не удалось создать новый ключ в папке данных: %1. Проверьте права на папку.</translation>
    </message>
    <message>
        <source>Key card</source>
        <translation>Карточка ключа</translation>
    </message>
    <message>
        <source>Key cards (*%1)</source>
        <translation>Карточки ключей (*%1)</translation>
    </message>
</context>
<context>
    <name>RestoreSummaryPage</name>
    <message>
        <source>Check before restoring</source>
        <translation>Проверьте перед восстановлением</translation>
    </message>
    <message>
        <source>Nothing has been saved yet. The restore sets up this computer for the organisation and takes all its data from the package.</source>
        <translation>Ничего ещё не записано. Восстановление настроит этот компьютер для организации и возьмёт все её данные из пакета.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Восстановить</translation>
    </message>
    <message>
        <source>Package file: %1</source>
        <translation>Файл пакета: %1</translation>
    </message>
    <message>
        <source>%1: counts filled in: %2, activities: %3</source>
        <translation>%1 год: заполнено численностей: %2, мероприятий: %3</translation>
    </message>
    <message>
        <source>Fingerprint of the new key: %1</source>
        <translation>Отпечаток нового ключа: %1</translation>
    </message>
    <message>
        <source>Key card: %1</source>
        <translation>Карточка ключа: %1</translation>
    </message>
    <message>
        <source>Key card: not saved</source>
        <translation>Карточка ключа: не сохраняется</translation>
    </message>
    <message>
        <source>The next package of this computer gets number %1.</source>
        <translation>Следующий пакет этого компьютера получит номер %1.</translation>
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
    <message>
        <source>The computer is new, and the organisation already worked in the program</source>
        <translation>Компьютер новый, а организация уже работала в программе</translation>
    </message>
    <message>
        <source>Restore from your own last package (new computer)</source>
        <translation>Восстановить из своего последнего пакета (новый компьютер)</translation>
    </message>
    <message>
        <source>The organisation, its counts and activities are taken from the last package this organisation exported. The new computer gets a new signing key, which the organisation receiving your packages must approve.</source>
        <translation>Организация, её численности и мероприятия берутся из последнего пакета, который она выгрузила. Новый компьютер получит новый ключ подписи, и его должна подтвердить организация, которая принимает ваши пакеты.</translation>
    </message>
</context>
<context>
    <name>SetupRestore</name>
    <message>
        <source>Organisation: %1 (code %2)</source>
        <translation>Организация: %1 (код %2)</translation>
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
        <source>Package number: %1</source>
        <translation>Номер пакета: %1</translation>
    </message>
    <message>
        <source>Packages of subordinate organisations inside: %1</source>
        <translation>Пакетов подведомственных организаций внутри: %1</translation>
    </message>
    <message>
        <source>The package holds no counts or activities.</source>
        <translation>В пакете нет ни численностей, ни мероприятий.</translation>
    </message>
    <message>
        <source>The regional operator sends its packages to no one, so no approval is needed.</source>
        <translation>Региональный оператор никому не отправляет пакеты, поэтому подтверждение не требуется.</translation>
    </message>
    <message>
        <source>The municipal education authority must approve the key change: until it registers the new key, it rejects your packages. Tell it this fingerprint by phone, or give it the key card.</source>
        <translation>Смену ключа должен подтвердить муниципальный орган управления образованием (ОМСУ): пока он не зарегистрирует новый ключ, ваши пакеты будут отклоняться. Сообщите ему этот отпечаток по телефону или передайте карточку ключа.</translation>
    </message>
    <message>
        <source>The regional operator must approve the key change: until it registers the new key, it rejects your packages. Tell it this fingerprint by phone, or give it the key card.</source>
        <translation>Смену ключа должен подтвердить региональный оператор: пока он не зарегистрирует новый ключ, ваши пакеты будут отклоняться. Сообщите ему этот отпечаток по телефону или передайте карточку ключа.</translation>
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
    <message>
        <source>Key card</source>
        <translation>Карточка ключа</translation>
    </message>
    <message>
        <source>The data is restored, but the key card is not saved: %1 Save it later on the «Exchange» screen.</source>
        <translation>Данные восстановлены, но карточка ключа не сохранена: %1 Сохраните её позже на экране «Обмен».</translation>
    </message>
    <message>
        <source>The key card is saved:
%1</source>
        <translation>Карточка ключа сохранена:
%1</translation>
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
