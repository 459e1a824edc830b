<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>ExchangePreviewDialog</name>
    <message>
        <source>new</source>
        <translation>новый</translation>
    </message>
    <message>
        <source>replaces the previous one</source>
        <translation>заменит прежний</translation>
    </message>
    <message>
        <source>already imported</source>
        <translation>уже загружен</translation>
    </message>
    <message>
        <source>older, ignored</source>
        <translation>более старый, пропускается</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>отклонён</translation>
    </message>
    <message>
        <source>Import preview</source>
        <translation>Проверка пакетов перед загрузкой</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>What will happen</source>
        <translation>Что произойдёт</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Пояснение</translation>
    </message>
    <message>
        <source>nested package</source>
        <translation>вложенный пакет</translation>
    </message>
    <message>
        <source>rejected unless the key is confirmed</source>
        <translation>будет отклонён, если не подтвердить ключ</translation>
    </message>
    <message>
        <source>new, the key will be registered</source>
        <translation>новый, ключ будет зарегистрирован</translation>
    </message>
    <message>
        <source>I have compared these fingerprints with the organisations by phone; register their keys</source>
        <translation>Я сверил(а) эти отпечатки с организациями по телефону; зарегистрировать их ключи</translation>
    </message>
    <message>
        <source>These organisations send their first package. Before importing, read out the fingerprints with them by phone:</source>
        <translation>Эти организации присылают пакет впервые. Перед загрузкой сверьте с ними отпечатки ключей по телефону:</translation>
    </message>
    <message>
        <source>Files: %1. Will change data: %2. Rejected: %3. Nothing is written until you press «Import».</source>
        <translation>Файлов: %1. Изменят данные: %2. Отклонено: %3. Ничего не записывается, пока вы не нажмёте «Загрузить».</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Загрузить</translation>
    </message>
</context>
<context>
    <name>ExchangeScreen</name>
    <message>
        <source>Send the package to the level above</source>
        <translation>Отправка пакета вышестоящей организации</translation>
    </message>
    <message>
        <source>&amp;Export package…</source>
        <translation>&amp;Выгрузить пакет…</translation>
    </message>
    <message>
        <source>Save key &amp;card…</source>
        <translation>Сохранить &amp;карточку ключа…</translation>
    </message>
    <message>
        <source>&amp;Restore from own package…</source>
        <translation>Вос&amp;становить из своего пакета…</translation>
    </message>
    <message>
        <source>For a new computer: takes all data of your organisation from its last exported package.</source>
        <translation>Для нового компьютера: берёт все данные вашей организации из её последнего выгруженного пакета.</translation>
    </message>
    <message>
        <source>Load &amp;targets update…</source>
        <translation>Загрузить &amp;обновление целевых значений…</translation>
    </message>
    <message>
        <source>A signed file from the regional operator with the targets of later years.</source>
        <translation>Подписанный файл регионального оператора с целевыми значениями показателей на следующие годы.</translation>
    </message>
    <message>
        <source>Receive packages</source>
        <translation>Приём пакетов</translation>
    </message>
    <message>
        <source>Import &amp;files…</source>
        <translation>Загрузить &amp;файлы…</translation>
    </message>
    <message>
        <source>Import a f&amp;older…</source>
        <translation>Загрузить &amp;папку…</translation>
    </message>
    <message>
        <source>You can also drag package files or a folder onto this window. Each file is checked and shown before anything is written.</source>
        <translation>Файлы пакетов или папку можно перетащить в это окно. Каждый файл проверяется и показывается до того, как что-либо будет записано.</translation>
    </message>
    <message>
        <source>%1 (code %2). Key fingerprint: &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>%1 (код %2). Отпечаток ключа: &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The package has not been exported yet.</source>
        <translation>Пакет ещё не выгружался.</translation>
    </message>
    <message>
        <source>Last export: %1, package No. %2, file %3</source>
        <translation>Последняя выгрузка: %1, пакет № %2, файл %3</translation>
    </message>
    <message>
        <source>Export package</source>
        <translation>Выгрузка пакета</translation>
    </message>
    <message>
        <source>ProfOrient packages (*.proforient)</source>
        <translation>Пакеты ProfOrient (*.proforient)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Выгрузка</translation>
    </message>
    <message>
        <source>The package is saved:
%1

Send this file to the level above.</source>
        <translation>Пакет сохранён:
%1

Отправьте этот файл вышестоящей организации.</translation>
    </message>
    <message>
        <source>Save key card</source>
        <translation>Сохранение карточки ключа</translation>
    </message>
    <message>
        <source>Key cards (*.json)</source>
        <translation>Карточки ключей (*.json)</translation>
    </message>
    <message>
        <source>Key card</source>
        <translation>Карточка ключа</translation>
    </message>
    <message>
        <source>The key card is saved:
%1</source>
        <translation>Карточка ключа сохранена:
%1</translation>
    </message>
    <message>
        <source>Restore from own package</source>
        <translation>Восстановление из своего пакета</translation>
    </message>
    <message>
        <source>All counts and activities of your organisation in this program will be replaced by those of the package «%1». A backup is made first. Continue?</source>
        <translation>Все численности и мероприятия вашей организации в программе будут заменены данными пакета «%1». Сначала будет сделана резервная копия. Продолжить?</translation>
    </message>
    <message>
        <source>The data is restored from package No. %1.</source>
        <translation>Данные восстановлены из пакета № %1.</translation>
    </message>
    <message>
        <source>This computer signs with a new key, fingerprint %1. Tell it to the organisation that receives your packages: it replaces your key before it imports your next package.</source>
        <translation>Этот компьютер подписывает пакеты новым ключом, отпечаток %1. Сообщите его организации, которая принимает ваши пакеты: она заменит ваш ключ до загрузки следующего пакета.</translation>
    </message>
    <message>
        <source>Import packages</source>
        <translation>Загрузка пакетов</translation>
    </message>
    <message>
        <source>ProfOrient packages (*.proforient);;All files (*)</source>
        <translation>Пакеты ProfOrient (*.proforient);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Targets update</source>
        <translation>Обновление целевых значений</translation>
    </message>
    <message>
        <source>Targets updates (*%1);;All files (*)</source>
        <translation>Обновления целевых значений (*%1);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Folder with packages</source>
        <translation>Папка с пакетами</translation>
    </message>
    <message>
        <source>Checking packages…</source>
        <translation>Проверка пакетов…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Загрузка</translation>
    </message>
    <message>
        <source>No package files (*.proforient) were found.</source>
        <translation>Файлов пакетов (*.proforient) не найдено.</translation>
    </message>
    <message>
        <source>Importing packages…</source>
        <translation>Загрузка пакетов…</translation>
    </message>
    <message>
        <source>Imported: %1. Already imported: %2. Older, ignored: %3. Rejected: %4.</source>
        <translation>Загружено: %1. Уже были загружены: %2. Более старые, пропущены: %3. Отклонено: %4.</translation>
    </message>
    <message>
        <source>The import was cancelled: the remaining files were not imported.</source>
        <translation>Загрузка прервана: остальные файлы не загружались, уже загруженные пакеты сохранены полностью.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Обмен</translation>
    </message>
    <message>
        <source>File %1 of %2: %3</source>
        <translation>Файл %1 из %2: %3</translation>
    </message>
    <message>
        <source>The operation failed because of an internal error; details are in the log file.</source>
        <translation>Операция не выполнена из-за внутренней ошибки; подробности записаны в журнал программы.</translation>
    </message>
    <message>
        <source>Register a key card</source>
        <translation>Регистрация карточки ключа</translation>
    </message>
    <message>
        <source>Key cards (*.json);;All files (*)</source>
        <translation>Карточки ключей (*.json);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Register the key of «%1» (code %2)?

Fingerprint: %3

Compare it with the organisation by phone before you answer «Yes».</source>
        <translation>Зарегистрировать ключ организации «%1» (код %2)?

Отпечаток: %3

Сверьте его с организацией по телефону, прежде чем ответить «Да».</translation>
    </message>
    <message>
        <source>Trusted keys</source>
        <translation>Доверенные ключи</translation>
    </message>
</context>
<context>
    <name>ExchangeTables</name>
    <message>
        <source>school</source>
        <translation>ОО</translation>
    </message>
    <message>
        <source>college</source>
        <translation>ПОО</translation>
    </message>
    <message>
        <source>municipality</source>
        <translation>ОМСУ</translation>
    </message>
    <message>
        <source>region</source>
        <translation>регион</translation>
    </message>
    <message>
        <source>received</source>
        <translation>получен</translation>
    </message>
    <message>
        <source>no package yet</source>
        <translation>пакета ещё нет</translation>
    </message>
    <message>
        <source>key retired, waiting for a new key</source>
        <translation>ключ выведен, ожидается новый</translation>
    </message>
    <message>
        <source>from a key card</source>
        <translation>по карточке ключа</translation>
    </message>
    <message>
        <source>on the first package</source>
        <translation>по первому пакету</translation>
    </message>
    <message>
        <source>key replacement</source>
        <translation>замена ключа</translation>
    </message>
    <message>
        <source>confirmed by the municipality</source>
        <translation>подтверждён ОМСУ</translation>
    </message>
    <message>
        <source>from own package</source>
        <translation>из своего пакета</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Sent via</source>
        <translation>Через</translation>
    </message>
    <message>
        <source>Package No.</source>
        <translation>Пакет №</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Получен</translation>
    </message>
    <message>
        <source>Created
by the sender</source>
        <translation>Создан
отправителем</translation>
    </message>
    <message>
        <source>When the sender created the package, by the clock of the sender&apos;s computer</source>
        <translation>Когда отправитель создал пакет, по часам его компьютера</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>Organisation code</source>
        <translation>Код организации</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Отпечаток</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Как зарегистрирован</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>&amp;Register a key card…</source>
        <translation>&amp;Зарегистрировать карточку ключа…</translation>
    </message>
    <message>
        <source>Re&amp;place key…</source>
        <translation>За&amp;менить ключ…</translation>
    </message>
    <message>
        <source>Re&amp;tire key…</source>
        <translation>Выв&amp;ести ключ…</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>Организации</translation>
    </message>
    <message>
        <source>Rejected files</source>
        <translation>Отклонённые файлы</translation>
    </message>
    <message>
        <source>Trusted keys</source>
        <translation>Доверенные ключи</translation>
    </message>
    <message>
        <source>directly</source>
        <translation>напрямую</translation>
    </message>
    <message>
        <source>Rejected files (%1)</source>
        <translation>Отклонённые файлы (%1)</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>действует</translation>
    </message>
    <message>
        <source>retired: %1</source>
        <translation>выведен: %1</translation>
    </message>
</context>
<context>
    <name>KeyChangeDialog</name>
    <message>
        <source>Replace the key</source>
        <translation>Замена ключа</translation>
    </message>
    <message>
        <source>Retire the key</source>
        <translation>Вывод ключа из употребления</translation>
    </message>
    <message>
        <source>The registered key of «%1» will be retired and the new key registered. Compare the new fingerprint with the organisation by phone first.</source>
        <translation>Зарегистрированный ключ организации «%1» будет выведен из употребления, а новый — зарегистрирован. Сначала сверьте новый отпечаток с организацией по телефону.</translation>
    </message>
    <message>
        <source>Packages of «%1» will be rejected until a new key is registered.</source>
        <translation>Пакеты организации «%1» будут отклоняться, пока не будет зарегистрирован новый ключ.</translation>
    </message>
    <message>
        <source>Key card or a package signed with the new key</source>
        <translation>Карточка ключа или пакет, подписанный новым ключом</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Обзор…</translation>
    </message>
    <message>
        <source>for example: new computer after a breakdown</source>
        <translation>например: новый компьютер после поломки</translation>
    </message>
    <message>
        <source>New &amp;key:</source>
        <translation>Новый &amp;ключ:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Причина:</translation>
    </message>
    <message>
        <source>New key</source>
        <translation>Новый ключ</translation>
    </message>
    <message>
        <source>Key cards and packages (*.json *.proforient);;All files (*)</source>
        <translation>Карточки ключей и пакеты (*.json *.proforient);;Все файлы (*)</translation>
    </message>
</context>
</TS>
