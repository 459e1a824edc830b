<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>CountForm</name>
    <message>
        <source>Other counts (not reported by this kind of organisation)</source>
        <translation>Другие численности (организации вашего вида их не представляют)</translation>
    </message>
    <message>
        <source>Counts used by no indicator</source>
        <translation>Численности, не входящие в показатели</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>не представлено</translation>
    </message>
    <message>
        <source>A whole number; leave empty if not reported (empty is not zero).</source>
        <translation>Целое число; оставьте пустым, если не представляется (пусто — не то же, что 0).</translation>
    </message>
</context>
<context>
    <name>CountsScreen</name>
    <message>
        <source>Show other counts</source>
        <translation>Показать другие численности</translation>
    </message>
    <message>
        <source>Every value is saved as soon as you leave the field (Tab or Enter). Empty means «not reported». Undo: Ctrl+Z, redo: Ctrl+Y.</source>
        <translation>Каждое значение сохраняется сразу при выходе из поля (Tab или Enter). Пустое поле — «не представлено». Отменить: Ctrl+Z, повторить: Ctrl+Y.</translation>
    </message>
    <message>
        <source>Reporting &amp;year:</source>
        <translation>Отчётный &amp;год:</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>Численности</translation>
    </message>
    <message>
        <source>Check: a part of this total exceeds it.</source>
        <translation>Проверьте: одна из частей этой численности указана больше неё самой (подробности — у части).</translation>
    </message>
</context>
<context>
    <name>IndicatorsPanel</name>
    <message>
        <source>reached</source>
        <translation>достигнуто</translation>
    </message>
    <message>
        <source>near the target</source>
        <translation>близко к цели</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>не достигнуто</translation>
    </message>
    <message>
        <source>no target set</source>
        <translation>цель не установлена</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>нет данных</translation>
    </message>
    <message>
        <source>check the figures</source>
        <translation>проверьте данные</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Цель</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Изменение</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Select an indicator to see its full wording.</source>
        <translation>Выберите показатель, чтобы увидеть его полное наименование.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Indicators&lt;/b&gt; (recomputed as you type)</source>
        <translation>&lt;b&gt;Показатели&lt;/b&gt; (пересчитываются при вводе)</translation>
    </message>
    <message>
        <source>pp</source>
        <translation>п. п.</translation>
    </message>
</context>
</TS>
