<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>ActivitiesModel</name>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Мероприятие</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Формат</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Участников</translation>
    </message>
    <message>
        <source>With SEN</source>
        <translation>Из них с ОВЗ</translation>
    </message>
    <message>
        <source>Grades</source>
        <translation>Классы</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Партнёры</translation>
    </message>
</context>
<context>
    <name>ActivitiesScreen</name>
    <message>
        <source>All years</source>
        <translation>Все годы</translation>
    </message>
    <message>
        <source>All measures</source>
        <translation>Все мероприятия</translation>
    </message>
    <message>
        <source>Search in titles, partners, notes</source>
        <translation>Поиск по названию, партнёрам, примечаниям</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Добавить…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Изменить…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <source>&amp;Year:</source>
        <translation>&amp;Год:</translation>
    </message>
    <message>
        <source>&amp;Measure:</source>
        <translation>&amp;Мероприятие:</translation>
    </message>
    <message>
        <source>Activities held</source>
        <translation>Проведённые мероприятия</translation>
    </message>
    <message>
        <source>Plan: measures without activities this year</source>
        <translation>План: мероприятия без записей в этом году</translation>
    </message>
    <message>
        <source>Measures assigned to your kind of organisation with no activity recorded in %1: %2. Press Enter or double-click a measure to record an activity.</source>
        <translation>Мероприятия, порученные организациям вашего вида, по которым в %1 году нет ни одной записи: %2. Чтобы записать проведённое мероприятие, выберите его и нажмите Enter или дважды щёлкните по нему.</translation>
    </message>
    <message>
        <source>Shown: %1 of %2</source>
        <translation>Показано: %1 из %2</translation>
    </message>
    <message>
        <source>Delete the activity «%1» of %2? This can be undone with Ctrl+Z.</source>
        <translation>Удалить мероприятие «%1» от %2? Удаление можно отменить клавишами Ctrl+Z.</translation>
    </message>
    <message>
        <source>Delete activity</source>
        <translation>Удаление мероприятия</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Мероприятия</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <source>New activity</source>
        <translation>Новое мероприятие</translation>
    </message>
    <message>
        <source>Edit activity</source>
        <translation>Изменение мероприятия</translation>
    </message>
    <message>
        <source>Type a number or words to search</source>
        <translation>Введите номер или слова для поиска</translation>
    </message>
    <message>
        <source>e.g. 8–11 or 1–2 year</source>
        <translation>например, 8–11 или 1–2 курс</translation>
    </message>
    <message>
        <source>Employers, colleges, universities, one per line</source>
        <translation>Работодатели, колледжи, вузы — по одному в строке</translation>
    </message>
    <message>
        <source>&amp;Measure (section 5):</source>
        <translation>&amp;Мероприятие (раздел 5):</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Дата:</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Название:</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Формат:</translation>
    </message>
    <message>
        <source>&amp;Participants in total:</source>
        <translation>&amp;Участников всего:</translation>
    </message>
    <message>
        <source>of them with &amp;SEN or disability:</source>
        <translation>из них с О&amp;ВЗ, инвалидностью:</translation>
    </message>
    <message>
        <source>&amp;Grades (years of study):</source>
        <translation>&amp;Классы (курсы):</translation>
    </message>
    <message>
        <source>&amp;Partners:</source>
        <translation>&amp;Партнёры:</translation>
    </message>
    <message>
        <source>&amp;Link to the publication:</source>
        <translation>&amp;Ссылка на публикацию:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>При&amp;мечание:</translation>
    </message>
    <message>
        <source>Participants in total</source>
        <translation>Участников всего</translation>
    </message>
    <message>
        <source>Participants with SEN</source>
        <translation>Участников с ОВЗ</translation>
    </message>
</context>
</TS>
