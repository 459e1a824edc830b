<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>ActivityTab</name>
    <message>
        <source>Territory, measure group, measure</source>
        <translation>Территория, группа мероприятий, мероприятие</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Проведено</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Участников</translation>
    </message>
    <message>
        <source>Of them with SEN</source>
        <translation>Из них с ОВЗ</translation>
    </message>
    <message>
        <source>Competitions</source>
        <translation>Конкурсов</translation>
    </message>
    <message>
        <source>Measures due this year with no activity — {0}: {1}</source>
        <translation>Мероприятия этого года, по которым ничего не проведено, — {0}: {1}</translation>
    </message>
</context>
<context>
    <name>CompletenessTab</name>
    <message>
        <source>Indicator</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Ожидается</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>Представили</translation>
    </message>
    <message>
        <source>Share, %</source>
        <translation>Доля, %</translation>
    </message>
    <message>
        <source>Required, %</source>
        <translation>Требуется, %</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Выполнено</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Муниципалитет</translation>
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
        <source>Last package</source>
        <translation>Последний пакет</translation>
    </message>
    <message>
        <source>&amp;Copy list</source>
        <translation>&amp;Копировать список</translation>
    </message>
    <message>
        <source>Copy the organisations that have not reported, to paste into a reminder</source>
        <translation>Скопировать список организаций, не представивших данные, чтобы вставить его в напоминание</translation>
    </message>
    <message>
        <source>Copy list for &amp;all indicators</source>
        <translation>Копировать список по &amp;всем показателям</translation>
    </message>
    <message>
        <source>yes (region&apos;s figures)</source>
        <translation>да (данные региона)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>{0}: not reported by {1} of {2} organisations</source>
        <translation>{0}: не представили {1} из {2} организаций</translation>
    </message>
    <message>
        <source>none</source>
        <translation>не было</translation>
    </message>
</context>
<context>
    <name>ConsolidationModel</name>
    <message>
        <source>Value: {0}</source>
        <translation>Значение: {0}</translation>
    </message>
    <message>
        <source>Numerator: {0}</source>
        <translation>Числитель: {0}</translation>
    </message>
    <message>
        <source>Denominator: {0}</source>
        <translation>Знаменатель: {0}</translation>
    </message>
    <message>
        <source>Target: not set</source>
        <translation>Цель: не установлена</translation>
    </message>
    <message>
        <source>Target: {0}</source>
        <translation>Цель: {0}</translation>
    </message>
    <message>
        <source>Status: {0}</source>
        <translation>Статус: {0}</translation>
    </message>
    <message>
        <source>Organisations counted: {0}</source>
        <translation>Организаций в расчёте: {0}</translation>
    </message>
    <message>
        <source>{0} (closed from {1})</source>
        <translation>{0} (закрыта с {1} г.)</translation>
    </message>
    <message>
        <source>{0}
Code: {1}</source>
        <translation>{0}
Код: {1}</translation>
    </message>
    <message>
        <source>* entered by the region from official statistics</source>
        <translation>* введено регионом по данным официальной статистики</translation>
    </message>
</context>
<context>
    <name>DirectoryTab</name>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Муниципальное образование</translation>
    </message>
    <message>
        <source>Closed from</source>
        <translation>Закрыта с</translation>
    </message>
    <message>
        <source>Last package</source>
        <translation>Последний пакет</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>general school (ОО)</source>
        <translation>общеобразовательная организация (ОО)</translation>
    </message>
    <message>
        <source>vocational college (ПОО)</source>
        <translation>профессиональная образовательная организация (ПОО)</translation>
    </message>
    <message>
        <source>— under the region —</source>
        <translation>— краевого подчинения —</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Добавить</translation>
    </message>
    <message>
        <source>Re&amp;name selected</source>
        <translation>&amp;Переименовать выбранную</translation>
    </message>
    <message>
        <source>&amp;Close from year</source>
        <translation>&amp;Закрыть с года</translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation>&amp;Восстановить</translation>
    </message>
    <message>
        <source>Co&amp;de:</source>
        <translation>&amp;Код:</translation>
    </message>
    <message>
        <source>N&amp;ame:</source>
        <translation>&amp;Наименование:</translation>
    </message>
    <message>
        <source>Kin&amp;d:</source>
        <translation>&amp;Вид:</translation>
    </message>
    <message>
        <source>&amp;Municipality:</source>
        <translation>&amp;Муниципальное образование:</translation>
    </message>
    <message>
        <source>A closed organisation is no longer expected from the given year; its data stay.</source>
        <translation>С указанного года закрытая организация больше не ожидается в отчётности; её данные сохраняются.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Add organisation</source>
        <translation>Добавление организации</translation>
    </message>
    <message>
        <source>Rename organisation</source>
        <translation>Переименование организации</translation>
    </message>
    <message>
        <source>Close organisation</source>
        <translation>Закрытие организации</translation>
    </message>
    <message>
        <source>Reopen organisation</source>
        <translation>Восстановление организации</translation>
    </message>
</context>
<context>
    <name>DynamicsChart</name>
    <message>
        <source>no data</source>
        <translation>нет данных</translation>
    </message>
    <message>
        <source>Value, {0}</source>
        <translation>Значение, {0}</translation>
    </message>
    <message>
        <source>target</source>
        <translation>цель</translation>
    </message>
</context>
<context>
    <name>IndicatorsTab</name>
    <message>
        <source>Only &amp;below target</source>
        <translation>Только &amp;ниже цели</translation>
    </message>
    <message>
        <source>Show only the organisations that miss the selected indicator&apos;s target</source>
        <translation>Показать только организации, не достигшие цели по выбранному показателю</translation>
    </message>
    <message>
        <source>Colours: green reached, yellow near, red below target; «—» not reported; * entered by the region.</source>
        <translation>Цвета: зелёный — цель достигнута, жёлтый — близко к цели, красный — ниже цели; «—» — не представлено; * — введено регионом.</translation>
    </message>
    <message>
        <source>&amp;Indicator:</source>
        <translation>&amp;Показатель:</translation>
    </message>
    <message>
        <source>Region, municipality, organisation</source>
        <translation>Край, муниципалитет, организация</translation>
    </message>
    <message>
        <source>Dynamics</source>
        <translation>Динамика</translation>
    </message>
</context>
<context>
    <name>MonitoringScreen</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <source>&amp;Indicators</source>
        <translation>&amp;Показатели</translation>
    </message>
    <message>
        <source>&amp;Completeness</source>
        <translation>По&amp;лнота</translation>
    </message>
    <message>
        <source>&amp;Plausibility</source>
        <translation>П&amp;равдоподобие</translation>
    </message>
    <message>
        <source>&amp;Activities</source>
        <translation>&amp;Мероприятия</translation>
    </message>
    <message>
        <source>Region &amp;entry</source>
        <translation>&amp;Ввод региона</translation>
    </message>
    <message>
        <source>&amp;Targets</source>
        <translation>&amp;Целевые значения</translation>
    </message>
    <message>
        <source>&amp;Directory</source>
        <translation>&amp;Справочник</translation>
    </message>
    <message>
        <source>Reporting &amp;year:</source>
        <translation>Отчётный &amp;год:</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Сводка</translation>
    </message>
    <message>
        <source>Organisations: {0}; indicators complete: {1} of {2}; unchecked warnings: {3}</source>
        <translation>Организаций: {0}; показателей с полными данными: {1} из {2}; непроверенных предупреждений: {3}</translation>
    </message>
</context>
<context>
    <name>PlausibilityTab</name>
    <message>
        <source>Organisation</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>Муниципальное образование</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Значения</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>Проверено</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Сообщение</translation>
    </message>
    <message>
        <source>Comment: what was checked and with whom</source>
        <translation>Комментарий: что проверено и с кем</translation>
    </message>
    <message>
        <source>&amp;Mark as checked</source>
        <translation>&amp;Отметить как проверенное</translation>
    </message>
    <message>
        <source>&amp;Remove mark</source>
        <translation>&amp;Снять отметку</translation>
    </message>
    <message>
        <source>Warnings: {0}, not checked: {1}</source>
        <translation>Предупреждений: {0}, не проверено: {1}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Checked by {0}, {1}</source>
        <translation>Проверил(а): {0}, {1}</translation>
    </message>
    <message>
        <source>Plausibility</source>
        <translation>Правдоподобие</translation>
    </message>
</context>
<context>
    <name>RegionEntryTab</name>
    <message>
        <source>&amp;Save counts</source>
        <translation>&amp;Сохранить численности</translation>
    </message>
    <message>
        <source>Targets for the years after the programme</source>
        <translation>Целевые значения на годы после программы</translation>
    </message>
    <message>
        <source>Save &amp;targets</source>
        <translation>Сохранить &amp;цели</translation>
    </message>
    <message>
        <source>&amp;Export update file…</source>
        <translation>&amp;Выгрузить файл обновления…</translation>
    </message>
    <message>
        <source>A signed file with the targets, for schools and municipalities</source>
        <translation>Подписанный файл с целевыми значениями для муниципалитетов и школ</translation>
    </message>
    <message>
        <source>&amp;Import the region&apos;s update file…</source>
        <translation>&amp;Загрузить файл обновления от региона…</translation>
    </message>
    <message>
        <source>Official statistics entered by the region, {0}</source>
        <translation>Данные официальной статистики, вводимые регионом, {0} г.</translation>
    </message>
    <message>
        <source>Export update file</source>
        <translation>Выгрузка файла обновления</translation>
    </message>
    <message>
        <source>Catalogue update (*{0})</source>
        <translation>Обновление справочника (*{0})</translation>
    </message>
    <message>
        <source>Import update file</source>
        <translation>Загрузка файла обновления</translation>
    </message>
    <message>
        <source>Official statistics</source>
        <translation>Официальная статистика</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>Целевые значения</translation>
    </message>
    <message>
        <source>Targets changed: {0}.</source>
        <translation>Изменено целевых значений: {0}.</translation>
    </message>
    <message>
        <source>The update file is written: {0}. Send it to the municipalities and schools.</source>
        <translation>Файл обновления записан: {0}. Отправьте его муниципалитетам и школам.</translation>
    </message>
</context>
</TS>
