<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>DamagedDataDialog</name>
    <message>
        <source>Damaged data file</source>
        <translation>Файл данных повреждён</translation>
    </message>
    <message>
        <source>The data file «%1» is damaged, and there is no intact backup of it.</source>
        <translation>Файл данных «%1» повреждён, а исправной резервной копии нет.</translation>
    </message>
    <message>
        <source>The data file «%1» is missing or empty, and there is no intact backup of it.</source>
        <translation>Файл данных «%1» отсутствует или пуст, а исправной резервной копии нет.</translation>
    </message>
    <message>
        <source>The program can move the damaged file and its backups into a new folder inside «%1» and start the setup again. Nothing is deleted. In the setup, tick «Restore from your own last package» to take your organisation&apos;s data from the last package it exported.</source>
        <translation>Программа может переложить повреждённый файл и его резервные копии в новую папку внутри «%1» и запустить настройку заново. Ничего не удаляется. В настройке отметьте «Восстановить из своего последнего пакета», чтобы взять данные организации из последнего выгруженного ею пакета.</translation>
    </message>
    <message>
        <source>Send the moved files to your support: they may recover entries made after that package.</source>
        <translation>Отправьте отложенные файлы в техническую поддержку: возможно, там восстановят записи, сделанные после этого пакета.</translation>
    </message>
    <message>
        <source>&amp;Set the file aside and set up again</source>
        <translation>&amp;Отложить файл и настроить заново</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>The damaged file cannot be moved: %1. Close the programs that may use the data folder «%2» and start the program again.</source>
        <translation>Не удалось переложить повреждённый файл: %1. Закройте программы, которые могут использовать папку данных «%2», и запустите программу снова.</translation>
    </message>
    <message>
        <source>The damaged data was moved to the folder «%1». Keep the folder and send it to your support. The setup starts now.</source>
        <translation>Повреждённые данные перенесены в папку «%1». Сохраните эту папку и отправьте её в техническую поддержку. Сейчас начнётся настройка.</translation>
    </message>
</context>
</TS>
