<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_IN">
<context>
    <name>CrashDialog</name>
    <message numerus="yes">
        <source>This has happened %n times.</source>
        <translation>
            <numerusform>This has happened once.</numerusform>
            <numerusform>This has happened %n times.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NewPinForm</name>
    <message numerus="yes">
        <source>%n digits or more</source>
        <translation>
            <numerusform>%n digit or more</numerusform>
            <numerusform>%n digits or more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n digits.</source>
        <translation>
            <numerusform>Use at least %n digit.</numerusform>
            <numerusform>Use at least %n digits.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message numerus="yes">
        <source>Wrong PIN. %n tries left.</source>
        <translation>
            <numerusform>Wrong PIN. %n try left.</numerusform>
            <numerusform>Wrong PIN. %n tries left.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n seconds</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minutes</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN %n times. The settings stay locked for %1; ask the IT admin.</source>
        <translation>
            <numerusform>Wrong PIN %n time. The settings stay locked for %1; ask the IT admin.</numerusform>
            <numerusform>Wrong PIN %n times. The settings stay locked for %1; ask the IT admin.</numerusform>
        </translation>
    </message>
</context>
</TS>
