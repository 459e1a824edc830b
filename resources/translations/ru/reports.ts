<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>ReportsScreen</name>
    <message>
        <source>Analytical report (PDF)</source>
        <translation>Аналитическая справка (PDF)</translation>
    </message>
    <message>
        <source>Tables (Excel)</source>
        <translation>Таблицы показателей (Excel)</translation>
    </message>
    <message>
        <source>Entry template (Excel)</source>
        <translation>Шаблон для ввода численностей (Excel)</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Муниципальное образование</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Сформировать</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>Открыть файл</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Открыть папку</translation>
    </message>
    <message>
        <source>Import a filled template…</source>
        <translation>Загрузить заполненный шаблон…</translation>
    </message>
    <message>
        <source>A school without the program fills the Excel entry template; its figures are checked cell by cell and written only when the whole file is valid.</source>
        <translation>Школа без программы заполняет шаблон Excel; значения проверяются по каждой ячейке и записываются, только если весь файл без ошибок.</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Вид отчёта:</translation>
    </message>
    <message>
        <source>Level:</source>
        <translation>Уровень:</translation>
    </message>
    <message>
        <source>Municipality:</source>
        <translation>Муниципальное образование:</translation>
    </message>
    <message>
        <source>Year:</source>
        <translation>Отчётный год:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Отчёт</translation>
    </message>
    <message>
        <source>Counts from an Excel template</source>
        <translation>Численности из шаблона Excel</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Save report as</source>
        <translation>Сохранить отчёт как</translation>
    </message>
    <message>
        <source>Choose the file to save the report to.</source>
        <translation>Выберите файл, в который сохранить отчёт.</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>Отменено: файл не записан.</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>Записано: %1</translation>
    </message>
    <message>
        <source>Filled template</source>
        <translation>Заполненный шаблон</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;All files (*)</source>
        <translation>Книга Excel (*.xlsx);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Import from Excel</source>
        <translation>Загрузка из Excel</translation>
    </message>
    <message>
        <source>Nothing to change: the file matches the saved figures.</source>
        <translation>Изменений нет: значения в файле совпадают с сохранёнными.</translation>
    </message>
    <message>
        <source>Imported: %1</source>
        <translation>Загружено: %1</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>не представлено</translation>
    </message>
    <message>
        <source>%1, %2: the following figures will change.</source>
        <translation>%1, %2 г.: изменятся следующие значения.</translation>
    </message>
    <message>
        <source>The school will be added to the directory.</source>
        <translation>Школа будет добавлена в справочник.</translation>
    </message>
    <message>
        <source>Write these figures?</source>
        <translation>Записать эти значения?</translation>
    </message>
    <message>
        <source>Tables from year:</source>
        <translation>Таблицы с года:</translation>
    </message>
</context>
</TS>
