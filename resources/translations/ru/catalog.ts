<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>CatalogScreen</name>
    <message>
        <source>Counts</source>
        <translation>Численности</translation>
    </message>
    <message>
        <source>Indicators and targets</source>
        <translation>Показатели и целевые значения</translation>
    </message>
    <message>
        <source>Measures (section 5)</source>
        <translation>Мероприятия (раздел 5)</translation>
    </message>
    <message>
        <source>Inconsistencies of the programme</source>
        <translation>Несоответствия в программе</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Обозначение</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>Определение</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>Reported by</source>
        <translation>Кто представляет</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <source>Numerator</source>
        <translation>Числитель</translation>
    </message>
    <message>
        <source>Denominator</source>
        <translation>Знаменатель</translation>
    </message>
    <message>
        <source>Target %1</source>
        <translation>Цель %1</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Мероприятие</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Executors</source>
        <translation>Исполнители</translation>
    </message>
    <message>
        <source>Report form</source>
        <translation>Вид отчётности</translation>
    </message>
    <message>
        <source>Kept as in the programme, shown for information</source>
        <translation>Сохранено как в программе, показано для сведения</translation>
    </message>
</context>
</TS>
