<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_IN">
<context>
    <name></name>
    <message numerus="yes">
        <source>Record %1, backups %2 (%n file(s)); %3 free.</source>
        <translation>
            <numerusform>Record %1, backups %2 (%n file); %3 free.</numerusform>
            <numerusform>Record %1, backups %2 (%n files); %3 free.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of these scans are in other FEs&apos; lists. F1 moves them there.</source>
        <translation>
            <numerusform>%n of these scans is in another FE&apos;s list. F1 moves it there.</numerusform>
            <numerusform>%n of these scans are in other FEs&apos; lists. F1 moves them there.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n scans</source>
        <translation>
            <numerusform>Move %n scan</numerusform>
            <numerusform>Move %n scans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n scans moved to the FEs whose lists they are in.</source>
        <translation>
            <numerusform>%n scan moved to the FE whose list it is in.</numerusform>
            <numerusform>%n scans moved to the FEs whose lists they are in.</numerusform>
        </translation>
    </message>
</context>
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
    <name>EndOtcScreen</name>
    <message numerus="yes">
        <source>%n PARCEL(S) NOT MATCHING</source>
        <translation>
            <numerusform>%n PARCEL NOT MATCHING</numerusform>
            <numerusform>%n PARCELS NOT MATCHING</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message numerus="yes">
        <source>%n handover(s)</source>
        <translation>
            <numerusform>%n handover</numerusform>
            <numerusform>%n handovers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n handover(s)</source>
        <translation>
            <numerusform>%1 of %n handover</numerusform>
            <numerusform>%1 of %n handovers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n handover(s) open: %1.</source>
        <translation>
            <numerusform>%n handover open: %1.</numerusform>
            <numerusform>%n handovers open: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Read while another window was open. Close it, then F3: record %n held scan(s) for %1 · Esc: drop</source>
        <translation>
            <numerusform>Read while another window was open. Close it, then F3: record %n held scan for %1 · Esc: drop</numerusform>
            <numerusform>Read while another window was open. Close it, then F3: record %n held scans for %1 · Esc: drop</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Site: %n other terminal(s)</source>
        <translation>
            <numerusform>Site: %n other terminal</numerusform>
            <numerusform>Site: %n other terminals</numerusform>
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
<context>
    <name>SlipPreviewDialog</name>
    <message numerus="yes">
        <source>%1 · task %2 · %3 · %n page(s)</source>
        <translation>
            <numerusform>%1 · task %2 · %3 · %n page</numerusform>
            <numerusform>%1 · task %2 · %3 · %n pages</numerusform>
        </translation>
    </message>
</context>
</TS>
