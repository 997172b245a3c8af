<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="hi_IN">
<context>
    <name></name>
    <message>
        <source>NOT RECORDED</source>
        <extracomment>the last scan, when it belongs to another open handover: (from, code, to) the last scans that belong to another open handover: (from, code, to); F1 moves them</extracomment>
        <translation>दर्ज नहीं हुआ</translation>
    </message>
    <message>
        <source>No field executive is scanning. Select the FE whose parcels these are (F6).</source>
        <translation>कोई फ़ील्ड एग्ज़ीक्यूटिव स्कैन नहीं कर रहा। जिस FE के ये पार्सल हैं, उसे चुनें (F6)।</translation>
    </message>
    <message>
        <source>NOT RECORDED — SCAN AGAIN</source>
        <translation>दर्ज नहीं हुआ — फिर से स्कैन करें</translation>
    </message>
    <message>
        <source>SCANNING CLOSED</source>
        <extracomment>the scan is in another open FE&apos;s list: the banner offers F1 (``movable``)</extracomment>
        <translation>स्कैनिंग बंद</translation>
    </message>
    <message>
        <source>IN ANOTHER FE&apos;S LIST</source>
        <translation>दूसरे FE की सूची में</translation>
    </message>
    <message>
        <source>Recorded for %1, but it is in %2&apos;s list. F1 moves it to %2.</source>
        <translation>%1 के लिए दर्ज हुआ, पर यह %2 की सूची में है। F1 इसे %2 के पास भेजता है।</translation>
    </message>
    <message numerus="yes">
        <source>%n of these scans are in other FEs&apos; lists. F1 moves them there.</source>
        <translation>
            <numerusform>इनमें से %n स्कैन दूसरे FE की सूची में है। F1 उसे वहाँ भेजता है।</numerusform>
            <numerusform>इनमें से %n स्कैन दूसरे FE की सूचियों में हैं। F1 उन्हें वहाँ भेजता है।</numerusform>
        </translation>
    </message>
    <message>
        <source>NOT MOVED</source>
        <translation>नहीं भेजा गया</translation>
    </message>
    <message numerus="yes">
        <source>%n scans moved to the FEs whose lists they are in.</source>
        <translation>
            <numerusform>%n स्कैन उस FE के पास भेजा गया जिसकी सूची में वह है।</numerusform>
            <numerusform>%n स्कैन उन FE के पास भेजे गए जिनकी सूचियों में वे हैं।</numerusform>
        </translation>
    </message>
    <message>
        <source>MOVED</source>
        <translation>भेज दिया</translation>
    </message>
    <message>
        <source>Terminal %1 leads %2 now; the scans made here meanwhile are kept.</source>
        <translation>अब टर्मिनल %1 %2 को संभाल रहा है; इस बीच यहाँ किए गए स्कैन रखे गए हैं।</translation>
    </message>
    <message>
        <source>Now recorded for %1.</source>
        <translation>अब %1 के लिए दर्ज है।</translation>
    </message>
    <message>
        <source>Move to %1</source>
        <translation>%1 को भेजें</translation>
    </message>
    <message numerus="yes">
        <source>Move %n scans</source>
        <translation>
            <numerusform>%n स्कैन भेजें</numerusform>
            <numerusform>%n स्कैन भेजें</numerusform>
        </translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(खाली)</translation>
    </message>
    <message>
        <source>Hand-on waits: %1</source>
        <translation>हैंड-ऑन रुका है: %1</translation>
    </message>
    <message>
        <source> (continued)</source>
        <translation> (जारी)</translation>
    </message>
    <message>
        <source>Returns Desk demo barcodes</source>
        <translation>Returns Desk डेमो बारकोड</translation>
    </message>
    <message>
        <source>Returns Desk demo barcodes · page %1 of %2</source>
        <translation>Returns Desk डेमो बारकोड · पेज %1 / %2</translation>
    </message>
    <message>
        <source>%1 — parcels the FE scans</source>
        <translation>%1 — FE के स्कैन वाले पार्सल</translation>
    </message>
    <message>
        <source>Not in any FE&apos;s list (unexpected) and an order id (wrong label)</source>
        <translation>किसी FE की सूची में नहीं (अनपेक्षित) और एक ऑर्डर आईडी (गलत लेबल)</translation>
    </message>
    <message>
        <source>Omni</source>
        <translation>Omni</translation>
    </message>
    <message>
        <source>Unicommerce POS</source>
        <translation>Unicommerce POS</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>बाकी</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>भेजा गया</translation>
    </message>
    <message>
        <source>Needs data</source>
        <translation>जानकारी चाहिए</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>ध्यान दें</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>छोड़ा गया</translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation>%1: %2 %3</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>कतार में</translation>
    </message>
    <message>
        <source>Needs data: %1</source>
        <translation>जानकारी चाहिए: %1</translation>
    </message>
    <message>
        <source>Completed from the returns report</source>
        <translation>रिटर्न रिपोर्ट से पूरा किया गया</translation>
    </message>
    <message>
        <source>Attempt %1 sent</source>
        <translation>कोशिश %1 भेजी गई</translation>
    </message>
    <message>
        <source>Asked the destination whether it has it: %1</source>
        <translation>पाने वाले सिस्टम से पूछा कि क्या यह उसके पास है: %1</translation>
    </message>
    <message>
        <source>Delivered (attempt %1)</source>
        <translation>पहुँच गया (कोशिश %1)</translation>
    </message>
    <message>
        <source>— the destination already had it</source>
        <translation>— पाने वाले सिस्टम के पास यह पहले से था</translation>
    </message>
    <message>
        <source>Warnings: %1</source>
        <translation>चेतावनी: %1</translation>
    </message>
    <message>
        <source>Attempt %1 failed: %2</source>
        <translation>कोशिश %1 नाकाम: %2</translation>
    </message>
    <message>
        <source>Errors: %1</source>
        <translation>गलतियाँ: %1</translation>
    </message>
    <message>
        <source>— needs attention</source>
        <translation>— ध्यान दें</translation>
    </message>
    <message>
        <source>Retry asked by the admin</source>
        <translation>एडमिन ने फिर से भेजने को कहा</translation>
    </message>
    <message>
        <source>Skipped by the admin: %1</source>
        <translation>एडमिन ने छोड़ा: %1</translation>
    </message>
    <message>
        <source>not printed</source>
        <translation>प्रिंट नहीं हुआ</translation>
    </message>
    <message>
        <source> (+%1)</source>
        <translation> (+%1)</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>बंद</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>तारीख</translation>
    </message>
    <message>
        <source>Field executive</source>
        <translation>फ़ील्ड एग्ज़ीक्यूटिव</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>पार्टनर</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>टास्क</translation>
    </message>
    <message>
        <source>State</source>
        <translation>स्थिति</translation>
    </message>
    <message>
        <source>FE</source>
        <translation>FE</translation>
    </message>
    <message>
        <source>Dock</source>
        <translation>डॉक</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>मिलान हुआ</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>गायब</translation>
    </message>
    <message>
        <source>Unexp.</source>
        <translation>अनपेक्षित</translation>
    </message>
    <message>
        <source>Start slip</source>
        <translation>स्टार्ट पर्ची</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>रसीद</translation>
    </message>
    <message>
        <source>Parcels the FE scanned (as the marketplace reported them)</source>
        <translation>FE ने जो पार्सल स्कैन किए (मार्केटप्लेस के अनुसार)</translation>
    </message>
    <message>
        <source>Parcels scanned at the dock</source>
        <translation>डॉक पर स्कैन हुए पार्सल</translation>
    </message>
    <message>
        <source>Scanned by both</source>
        <translation>दोनों ने स्कैन किए</translation>
    </message>
    <message>
        <source>Missing at the dock: the FE scanned them, the dock did not</source>
        <translation>डॉक पर गायब: FE ने स्कैन किए, डॉक पर स्कैन नहीं हुए</translation>
    </message>
    <message>
        <source>Unexpected at the dock: scanned here, never reported by the FE</source>
        <translation>डॉक पर अनपेक्षित: यहाँ स्कैन हुए, FE ने कभी नहीं बताए</translation>
    </message>
    <message>
        <source>When the Start OTC slip was first printed (+ reprints)</source>
        <translation>स्टार्ट OTC पर्ची पहली बार कब प्रिंट हुई (+ दोबारा प्रिंट)</translation>
    </message>
    <message>
        <source>When the handover receipt was first printed (+ reprints)</source>
        <translation>हैंडओवर रसीद पहली बार कब प्रिंट हुई (+ दोबारा प्रिंट)</translation>
    </message>
    <message>
        <source>Session %1</source>
        <translation>सेशन %1</translation>
    </message>
    <message>
        <source>Last state: %1</source>
        <translation>आखिरी स्थिति: %1</translation>
    </message>
    <message>
        <source>Next try in %1 s.</source>
        <translation>अगली कोशिश %1 सेकंड में।</translation>
    </message>
    <message>
        <source>Parcels of %1: </source>
        <translation>%1 के पार्सल: </translation>
    </message>
    <message>
        <source>This terminal&apos;s clock is %1 s off the marketplace&apos;s. OTC countdowns are corrected; ask IT support to set the time.</source>
        <translation>इस टर्मिनल की घड़ी मार्केटप्लेस से %1 सेकंड अलग है। OTC की उलटी गिनती ठीक कर दी गई है; समय ठीक कराने के लिए IT सपोर्ट से कहें।</translation>
    </message>
    <message>
        <source>No returns are expected at this location today. The app checks again regularly.</source>
        <translation>आज इस लोकेशन पर कोई रिटर्न नहीं आना है। ऐप थोड़ी-थोड़ी देर में फिर देखता रहता है।</translation>
    </message>
    <message>
        <source>Start OTC</source>
        <translation>स्टार्ट OTC</translation>
    </message>
    <message>
        <source>Scanning</source>
        <translation>स्कैनिंग</translation>
    </message>
    <message>
        <source>End OTC</source>
        <translation>एंड OTC</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>पूरा हुआ</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>टर्मिनल</translation>
    </message>
    <message>
        <source>Last heard</source>
        <translation>आखिरी संपर्क</translation>
    </message>
    <message>
        <source> (this one)</source>
        <translation> (यही)</translation>
    </message>
    <message>
        <source>quiet</source>
        <translation>चुप</translation>
    </message>
    <message>
        <source>working</source>
        <translation>चालू</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>कहाँ</translation>
    </message>
    <message>
        <source>Polled by</source>
        <translation>कौन पूछ रहा है</translation>
    </message>
    <message>
        <source>FE scanned</source>
        <translation>FE ने स्कैन किए</translation>
    </message>
    <message>
        <source>At the dock</source>
        <translation>डॉक पर</translation>
    </message>
    <message>
        <source>Scanned at</source>
        <translation>कहाँ स्कैन हुए</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>पता नहीं</translation>
    </message>
    <message>
        <source>LARGE</source>
        <translation>LARGE</translation>
    </message>
    <message>
        <source>NON-LARGE</source>
        <translation>NON-LARGE</translation>
    </message>
    <message>
        <source>LOB ?</source>
        <translation>LOB ?</translation>
    </message>
    <message>
        <source>Waiting for dock scan</source>
        <translation>डॉक स्कैन बाकी</translation>
    </message>
    <message>
        <source>Not in FE&apos;s list yet</source>
        <translation>अभी FE की सूची में नहीं</translation>
    </message>
    <message>
        <source>Open</source>
        <extracomment>the deadline filter: name -&gt; at most this many days left (None: any)</extracomment>
        <translation>खुला</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>फ़ाइल किया</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>मंज़ूर</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>नामंज़ूर</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>समय खत्म</translation>
    </message>
    <message>
        <source>Missing at dock</source>
        <translation>डॉक पर गायब</translation>
    </message>
    <message>
        <source>Unexpected at dock</source>
        <translation>डॉक पर अनपेक्षित</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>डैमेज</translation>
    </message>
    <message>
        <source>Tampered or open</source>
        <translation>छेड़छाड़ या खुला</translation>
    </message>
    <message>
        <source>Empty or wrong item</source>
        <translation>खाली या गलत सामान</translation>
    </message>
    <message>
        <source>Wet</source>
        <translation>गीला</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>समय निकल गया</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 घंटे</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 दिन</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>आखिरी तारीख</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>बचा समय</translation>
    </message>
    <message>
        <source>Tracking id</source>
        <translation>ट्रैकिंग आईडी</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>कारण</translation>
    </message>
    <message>
        <source>Remark</source>
        <translation>टिप्पणी</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>स्थिति</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>रेफ़रेंस</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>फ़ोटो</translation>
    </message>
    <message>
        <source>Wrong label (order id)</source>
        <translation>गलत लेबल (ऑर्डर आईडी)</translation>
    </message>
    <message>
        <source>Not a tracking id</source>
        <translation>ट्रैकिंग आईडी नहीं</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>ठीक</translation>
    </message>
    <message>
        <source>MATCHED</source>
        <translation>मिलान हुआ</translation>
    </message>
    <message>
        <source>ALREADY SCANNED</source>
        <translation>पहले ही स्कैन हो चुका</translation>
    </message>
    <message>
        <source>NOT IN THE FE&apos;S LIST YET</source>
        <translation>अभी FE की सूची में नहीं</translation>
    </message>
    <message>
        <source>UNEXPECTED PARCEL</source>
        <translation>अनपेक्षित पार्सल</translation>
    </message>
    <message>
        <source>WRONG LABEL</source>
        <translation>गलत लेबल</translation>
    </message>
    <message>
        <source>NOT A TRACKING ID</source>
        <translation>ट्रैकिंग आईडी नहीं</translation>
    </message>
    <message>
        <source>Verified at %1 — not counted again.</source>
        <translation>%1 पर जाँचा गया — दोबारा नहीं गिना।</translation>
    </message>
    <message>
        <source>Verified earlier — not counted again.</source>
        <translation>पहले जाँचा जा चुका — दोबारा नहीं गिना।</translation>
    </message>
    <message>
        <source>The FE scanned this parcel too. Put it on the received pile.</source>
        <translation>FE ने भी यह पार्सल स्कैन किया है। इसे मिले हुए पार्सलों के ढेर पर रखें।</translation>
    </message>
    <message>
        <source>Not reported by the FE so far. Keep it aside: it may still come with the next sync.</source>
        <translation>FE ने अभी तक यह नहीं बताया। इसे अलग रखें: यह अगले सिंक में आ सकता है।</translation>
    </message>
    <message>
        <source>The FE never reported this parcel. Keep it aside.</source>
        <translation>FE ने यह पार्सल कभी नहीं बताया। इसे अलग रखें।</translation>
    </message>
    <message>
        <source>This is an order id. Scan the tracking barcode instead.</source>
        <translation>यह ऑर्डर आईडी है। इसकी जगह ट्रैकिंग बारकोड स्कैन करें।</translation>
    </message>
    <message>
        <source>This barcode is not a tracking id. Check the label.</source>
        <translation>यह बारकोड ट्रैकिंग आईडी नहीं है। लेबल जाँचें।</translation>
    </message>
    <message>
        <source>58 mm roll</source>
        <translation>58 mm रोल</translation>
    </message>
    <message>
        <source>80 mm roll</source>
        <translation>80 mm रोल</translation>
    </message>
    <message>
        <source>A4 sheet</source>
        <translation>A4 शीट</translation>
    </message>
    <message>
        <source>Reprint printed: %1</source>
        <translation>दोबारा प्रिंट हुई: %1</translation>
    </message>
    <message>
        <source>Slip printed: %1</source>
        <translation>पर्ची प्रिंट हुई: %1</translation>
    </message>
    <message>
        <source>Reprint saved as PDF (not printed): %1. Ctrl+O opens the folder.</source>
        <translation>दोबारा की पर्ची PDF में सेव हुई (प्रिंट नहीं हुई): %1. Ctrl+O फ़ोल्डर खोलता है।</translation>
    </message>
    <message>
        <source>Slip saved as PDF (not printed): %1. Ctrl+O opens the folder.</source>
        <translation>पर्ची PDF में सेव हुई (प्रिंट नहीं हुई): %1. Ctrl+O फ़ोल्डर खोलता है।</translation>
    </message>
    <message>
        <source>The camera is not started.</source>
        <translation>कैमरा चालू नहीं हुआ है।</translation>
    </message>
    <message>
        <source>The camera is not ready; check that it is plugged in.</source>
        <translation>कैमरा तैयार नहीं है; देखें कि वह लगा हुआ है।</translation>
    </message>
    <message>
        <source>The camera&apos;s picture could not be saved as a JPEG.</source>
        <translation>कैमरे की तस्वीर JPEG के रूप में सेव नहीं हो सकी।</translation>
    </message>
    <message>
        <source>The camera could not take the photo: %1</source>
        <translation>कैमरा फ़ोटो नहीं ले सका: %1</translation>
    </message>
    <message>
        <source>Camera problem: %1</source>
        <translation>कैमरे में दिक्कत: %1</translation>
    </message>
    <message>
        <source>No camera is set up (Settings → Camera).</source>
        <extracomment>Qt Multimedia lists every optional system library it could not load (PipeWire, VA-API) as a warning each time it starts; a dock terminal needs none of them for a still photo.</extracomment>
        <translation>कोई कैमरा सेट नहीं है (सेटिंग्स → कैमरा)।</translation>
    </message>
    <message>
        <source>Photos need Qt Multimedia (the PySide6-Addons package), which is not installed.</source>
        <translation>फ़ोटो के लिए Qt Multimedia (PySide6-Addons पैकेज) चाहिए, जो इंस्टॉल नहीं है।</translation>
    </message>
    <message>
        <source>The camera %1 is not connected.</source>
        <translation>कैमरा %1 जुड़ा नहीं है।</translation>
    </message>
    <message>
        <source>No camera is set up.</source>
        <translation>कोई कैमरा सेट नहीं है।</translation>
    </message>
    <message>
        <source>Scan or select a parcel first, then take its photo.</source>
        <translation>पहले कोई पार्सल स्कैन करें या चुनें, फिर उसकी फ़ोटो लें।</translation>
    </message>
    <message>
        <source>The camera gave an empty picture; try again.</source>
        <translation>कैमरे ने खाली तस्वीर दी; फिर से कोशिश करें।</translation>
    </message>
    <message>
        <source>Photo %1 of %2 saved</source>
        <translation>%2 की फ़ोटो %1 सेव हुई</translation>
    </message>
    <message>
        <source>The photo was not saved: %1</source>
        <translation>फ़ोटो सेव नहीं हुई: %1</translation>
    </message>
    <message>
        <source>Scan or select a parcel first, then mark its condition.</source>
        <extracomment>the keys, in order: Ctrl+1 … Ctrl+5</extracomment>
        <translation>पहले कोई पार्सल स्कैन करें या चुनें, फिर उसकी हालत चुनें।</translation>
    </message>
    <message>
        <source>Scan or select a parcel first, then type its remark.</source>
        <translation>पहले कोई पार्सल स्कैन करें या चुनें, फिर उसकी टिप्पणी टाइप करें।</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Record %1, backups %2 (%n file(s)); %3 free.</source>
        <translation>
            <numerusform>रिकॉर्ड %1, बैकअप %2 (%n फ़ाइल); %3 खाली।</numerusform>
            <numerusform>रिकॉर्ड %1, बैकअप %2 (%n फ़ाइलें); %3 खाली।</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Returns Desk</source>
        <translation>Returns Desk के बारे में</translation>
    </message>
    <message>
        <source>Returns Desk %s</source>
        <translation>Returns Desk %s</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>डेटा फ़ोल्डर</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>लॉग फ़ोल्डर</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>फ़ोल्डर खोलें</translation>
    </message>
    <message>
        <source>Receiving-dock desk for marketplace customer returns. Built with Qt for Python (PySide6, LGPL v3), pydantic, requests, keyring, platformdirs and segno.</source>
        <translation>मार्केटप्लेस के ग्राहक रिटर्न लेने वाले डॉक का डेस्क। Qt for Python (PySide6, LGPL v3), pydantic, requests, keyring, platformdirs और segno से बना।</translation>
    </message>
    <message>
        <source>Cannot open %s: no such folder yet.</source>
        <translation>%s नहीं खुल सकता: यह फ़ोल्डर अभी बना नहीं है।</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>Generate Start OTC</source>
        <translation>स्टार्ट OTC बनाएँ</translation>
    </message>
    <message>
        <source>Refresh now</source>
        <translation>अभी रीफ़्रेश करें</translation>
    </message>
    <message>
        <source>Next field executive</source>
        <translation>अगला फ़ील्ड एग्ज़ीक्यूटिव</translation>
    </message>
    <message>
        <source>Type a tracking id</source>
        <translation>ट्रैकिंग आईडी टाइप करें</translation>
    </message>
    <message>
        <source>Record held scans</source>
        <translation>रोके गए स्कैन दर्ज करें</translation>
    </message>
    <message>
        <source>Move the last scan to its FE</source>
        <translation>पिछला स्कैन उसके FE के पास भेजें</translation>
    </message>
    <message>
        <source>Filter parcels</source>
        <translation>पार्सल छाँटें</translation>
    </message>
    <message>
        <source>Get End OTC</source>
        <translation>एंड OTC लें</translation>
    </message>
    <message>
        <source>Print slip</source>
        <translation>पर्ची प्रिंट करें</translation>
    </message>
    <message>
        <source>Print preview…</source>
        <translation>प्रिंट से पहले देखें…</translation>
    </message>
    <message>
        <source>Open the PDF folder</source>
        <translation>PDF फ़ोल्डर खोलें</translation>
    </message>
    <message>
        <source>Session history…</source>
        <translation>पुराने हैंडओवर…</translation>
    </message>
    <message>
        <source>Mark complete</source>
        <translation>पूरा करें</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Scanner test…</source>
        <translation>स्कैनर टेस्ट…</translation>
    </message>
    <message>
        <source>Write demo barcode sheet (PDF)</source>
        <translation>डेमो बारकोड शीट बनाएँ (PDF)</translation>
    </message>
    <message>
        <source>Pretend to scan a parcel</source>
        <translation>पार्सल स्कैन का अभ्यास</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>बंद करें</translation>
    </message>
    <message>
        <source>Remark</source>
        <translation>टिप्पणी</translation>
    </message>
    <message>
        <source>Photo of the parcel</source>
        <translation>पार्सल की फ़ोटो</translation>
    </message>
    <message>
        <source>Claims…</source>
        <translation>क्लेम…</translation>
    </message>
    <message>
        <source>Site board…</source>
        <translation>साइट बोर्ड…</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>ठीक</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>डैमेज</translation>
    </message>
    <message>
        <source>Tampered or open</source>
        <translation>छेड़छाड़ या खुला</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>खुला</translation>
    </message>
    <message>
        <source>Empty or wrong item</source>
        <translation>खाली या गलत सामान</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation>खाली</translation>
    </message>
    <message>
        <source>Wet</source>
        <translation>गीला</translation>
    </message>
</context>
<context>
    <name>AdminMenu</name>
    <message>
        <source>Settings…</source>
        <translation>सेटिंग्स…</translation>
    </message>
    <message>
        <source>Hand-on to OMS / POS…</source>
        <translation>OMS / POS को आगे भेजना…</translation>
    </message>
    <message>
        <source>Import returns report…</source>
        <translation>रिटर्न रिपोर्ट लाएँ…</translation>
    </message>
    <message>
        <source>About Returns Desk</source>
        <translation>Returns Desk के बारे में</translation>
    </message>
    <message>
        <source>Hand-on</source>
        <translation>आगे भेजना</translation>
    </message>
    <message>
        <source>Hand-on settings not saved: %1</source>
        <translation>आगे भेजने की सेटिंग्स सेव नहीं हुईं: %1</translation>
    </message>
    <message>
        <source>Settings saved. The printer, PDF folder, sounds and scanner timings apply now; restart Returns Desk for the rest.</source>
        <translation>सेटिंग्स सेव हुईं। प्रिंटर, PDF फ़ोल्डर, आवाज़ें और स्कैनर समय अभी से लागू हैं; बाकी के लिए Returns Desk दोबारा शुरू करें।</translation>
    </message>
    <message>
        <source>Demo settings saved, for this demo only. </source>
        <translation>डेमो सेटिंग्स सेव हुईं, सिर्फ़ इस डेमो के लिए। </translation>
    </message>
    <message>
        <source>Hand-on to the seller&apos;s systems</source>
        <translation>सेलर के सिस्टम को आगे भेजना</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>%1

Move the damaged file aside (it is kept for IT support) and start with a new, empty database?</source>
        <translation>%1

खराब फ़ाइल को अलग रख दें (IT सपोर्ट के लिए रखी रहेगी) और नए, खाली डेटाबेस से शुरू करें?</translation>
    </message>
    <message>
        <source>Returns Desk</source>
        <translation>Returns Desk</translation>
    </message>
    <message>
        <source>Returns Desk cannot start</source>
        <translation>Returns Desk शुरू नहीं हो सकता</translation>
    </message>
</context>
<context>
    <name>BurstTableModel</name>
    <message>
        <source>Time</source>
        <translation>समय</translation>
    </message>
    <message>
        <source>As received</source>
        <translation>जैसा मिला</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>कुंजियाँ</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>नतीजा</translation>
    </message>
    <message>
        <source>Mean
gap</source>
        <translation>औसत
अंतर</translation>
    </message>
    <message>
        <source>Longest
gap</source>
        <translation>सबसे लंबा
अंतर</translation>
    </message>
    <message>
        <source>Normalised
code</source>
        <translation>साफ़ किया
गया कोड</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>स्कैन</translation>
    </message>
    <message>
        <source>Double read (ignored)</source>
        <translation>दो बार पढ़ा (छोड़ दिया)</translation>
    </message>
    <message>
        <source>Typing: too short</source>
        <translation>टाइपिंग: बहुत छोटा</translation>
    </message>
    <message>
        <source>Typing: too slow on average</source>
        <translation>टाइपिंग: औसतन बहुत धीमा</translation>
    </message>
    <message>
        <source>Typing: one gap too long</source>
        <translation>टाइपिंग: एक अंतर बहुत लंबा</translation>
    </message>
    <message>
        <source>Typing: no Enter/Tab</source>
        <translation>टाइपिंग: Enter/Tab नहीं</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
</context>
<context>
    <name>CameraForm</name>
    <message>
        <source>A USB webcam over the scanning table photographs the parcel and its label: F3, or by itself when a parcel is marked not good. Applies after a restart.</source>
        <translation>स्कैनिंग टेबल के ऊपर लगा USB वेबकैम पार्सल और उसके लेबल की फ़ोटो लेता है: F3 दबाने पर, या अपने-आप जब पार्सल को ठीक नहीं बताया जाए। ऐप फिर से चालू करने पर लागू होगा।</translation>
    </message>
    <message>
        <source>Photos need Qt Multimedia (the PySide6-Addons package), which is not installed on this terminal: the desk works without a camera.</source>
        <translation>फ़ोटो के लिए Qt Multimedia (PySide6-Addons पैकेज) चाहिए, जो इस टर्मिनल पर इंस्टॉल नहीं है: डेस्क बिना कैमरे के भी चलता है।</translation>
    </message>
    <message>
        <source>No camera</source>
        <translation>कोई कैमरा नहीं</translation>
    </message>
    <message>
        <source>System default camera</source>
        <translation>सिस्टम का डिफ़ॉल्ट कैमरा</translation>
    </message>
    <message>
        <source>%s (not connected)</source>
        <translation>%s (जुड़ा नहीं)</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>कैमरा</translation>
    </message>
    <message>
        <source>e.g. 1280x720 (empty: the camera&apos;s own)</source>
        <translation>जैसे 1280x720 (खाली: कैमरे का अपना)</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>रेज़ोल्यूशन</translation>
    </message>
    <message>
        <source>Take a photo by itself when a parcel is marked not good</source>
        <translation>पार्सल को ठीक नहीं बताने पर अपने-आप फ़ोटो लें</translation>
    </message>
</context>
<context>
    <name>ClaimsDialog</name>
    <message>
        <source>Claims</source>
        <translation>क्लेम</translation>
    </message>
    <message>
        <source>Open and filed</source>
        <translation>खुले और फ़ाइल किए</translation>
    </message>
    <message>
        <source>All</source>
        <translation>सभी</translation>
    </message>
    <message>
        <source>Any deadline</source>
        <translation>कोई भी तारीख</translation>
    </message>
    <message>
        <source>Due within 3 days</source>
        <translation>3 दिन के अंदर</translation>
    </message>
    <message>
        <source>Due within 7 days</source>
        <translation>7 दिन के अंदर</translation>
    </message>
    <message>
        <source>%1 claims: up to %2 days after the handover is completed.</source>
        <translation>%1 के क्लेम: हैंडओवर पूरा होने के %2 दिन बाद तक।</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>स्थिति</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>आखिरी तारीख</translation>
    </message>
    <message>
        <source>The marketplace&apos;s claim reference</source>
        <translation>मार्केटप्लेस का क्लेम रेफ़रेंस</translation>
    </message>
    <message>
        <source>Mark &amp;filed</source>
        <translation>फ़ाइल किया मार्क करें (&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Granted</source>
        <translation>मंज़ूर (&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Rejected</source>
        <translation>नामंज़ूर (&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Evidence pack (PDF)</source>
        <translation>सबूत पैक (PDF) (&amp;E)</translation>
    </message>
    <message>
        <source>Close  (Esc)</source>
        <translation>बंद करें  (Esc)</translation>
    </message>
    <message>
        <source>No claim matches these filters. Choose &quot;All&quot; and &quot;Any deadline&quot; to see every claim.</source>
        <translation>इन फ़िल्टर से कोई क्लेम नहीं मिला। सारे क्लेम देखने के लिए &quot;सभी&quot; और &quot;कोई भी तारीख&quot; चुनें।</translation>
    </message>
    <message>
        <source>No claims yet.

A claim appears here when a handover is completed with a parcel missing at the dock, a parcel that was not in the FE&apos;s list, or a parcel marked damaged, open, empty or wet. It stays here with its deadline until it is filed with the marketplace.</source>
        <translation>अभी कोई क्लेम नहीं।

क्लेम यहाँ तब दिखता है जब कोई हैंडओवर पूरा हो और उसमें कोई पार्सल डॉक पर गायब हो, कोई पार्सल FE की सूची में न हो, या कोई पार्सल डैमेज, खुला, खाली या गीला मार्क हो। मार्केटप्लेस में फ़ाइल होने तक वह अपनी आख़िरी तारीख के साथ यहाँ रहता है।</translation>
    </message>
    <message>
        <source>Type the marketplace&apos;s claim reference first, then mark it filed.</source>
        <translation>पहले मार्केटप्लेस का क्लेम रेफ़रेंस टाइप करें, फिर उसे फ़ाइल किया मार्क करें।</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Writing the evidence pack of %1…</source>
        <translation>%1 का सबूत पैक बन रहा है…</translation>
    </message>
    <message>
        <source>Evidence pack written to %1</source>
        <translation>सबूत पैक यहाँ बना: %1</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Returns Desk</source>
        <translation>Returns Desk</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>कुछ गड़बड़ हो गई</translation>
    </message>
    <message>
        <source>Your data is safe and the app keeps running: you can carry on. If it happens again, tell IT support; the details are in the log file:</source>
        <translation>आपका डेटा सुरक्षित है और ऐप चल रहा है: आप काम जारी रखें। फिर से हो तो IT सपोर्ट को बताएँ; पूरी जानकारी लॉग फ़ाइल में है:</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>पूरी जानकारी</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>लॉग फ़ोल्डर खोलें</translation>
    </message>
    <message numerus="yes">
        <source>This has happened %n times.</source>
        <translation>
            <numerusform>ऐसा %n बार हुआ है।</numerusform>
            <numerusform>ऐसा %n बार हुआ है।</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EndOtcScreen</name>
    <message>
        <source>END OTC</source>
        <translation>एंड OTC</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>मार्केटप्लेस</translation>
    </message>
    <message>
        <source>This dock</source>
        <translation>यह डॉक</translation>
    </message>
    <message>
        <source>Total scanned</source>
        <translation>कुल स्कैन</translation>
    </message>
    <message>
        <source>OBD eligible</source>
        <translation>OBD योग्य</translation>
    </message>
    <message>
        <source>OBD failed</source>
        <translation>OBD नाकाम</translation>
    </message>
    <message>
        <source>Flyer eligible</source>
        <translation>फ़्लायर योग्य</translation>
    </message>
    <message>
        <source>Flyer failed</source>
        <translation>फ़्लायर नाकाम</translation>
    </message>
    <message>
        <source>FE scanned</source>
        <translation>FE ने स्कैन किए</translation>
    </message>
    <message>
        <source>Dock scanned</source>
        <translation>डॉक पर स्कैन</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>मिलान हुआ</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>गायब</translation>
    </message>
    <message>
        <source>Unexpected</source>
        <translation>अनपेक्षित</translation>
    </message>
    <message>
        <source>The marketplace&apos;s own figure; its meaning is defined by Flipkart.</source>
        <translation>मार्केटप्लेस का अपना आँकड़ा; इसका मतलब Flipkart तय करता है।</translation>
    </message>
    <message>
        <source>Discrepancies: %1</source>
        <translation>गड़बड़ी: %1</translation>
    </message>
    <message>
        <source>No discrepancies: every parcel the FE scanned is at the dock.</source>
        <translation>कोई गड़बड़ी नहीं: FE के स्कैन किए सभी पार्सल डॉक पर हैं।</translation>
    </message>
    <message>
        <source>Handover complete.</source>
        <translation>हैंडओवर पूरा हुआ।</translation>
    </message>
    <message>
        <source>Tell this code to the FE. Press F10 when the FE has verified it.</source>
        <translation>यह कोड FE को बताएँ। FE के जाँच लेने पर F10 दबाएँ।</translation>
    </message>
    <message>
        <source>F8 again: get the End OTC anyway · Esc: go on scanning</source>
        <translation>F8 फिर से: फिर भी End OTC लें · Esc: स्कैनिंग जारी रखें</translation>
    </message>
    <message>
        <source>Getting the End OTC from the marketplace…</source>
        <translation>मार्केटप्लेस से एंड OTC लिया जा रहा है…</translation>
    </message>
    <message>
        <source>The FE is on the End OTC page. Check the parcels, then press F8.</source>
        <translation>FE एंड OTC पेज पर है। पार्सल जाँचें, फिर F8 दबाएँ।</translation>
    </message>
    <message>
        <source>Missing at the dock: %1 · not in the FE&apos;s list: %2 (listed below). The End OTC ends the handover. F8 again gets it anyway; Esc goes back to scanning.</source>
        <translation>डॉक पर गायब: %1 · FE की सूची में नहीं: %2 (नीचे सूची)। End OTC हैंडओवर खत्म करता है। F8 फिर से दबाने पर फिर भी मिलेगा; Esc स्कैनिंग पर वापस ले जाता है।</translation>
    </message>
    <message numerus="yes">
        <source>%n PARCEL(S) NOT MATCHING</source>
        <translation>
            <numerusform>%n पार्सल मेल नहीं खाता</numerusform>
            <numerusform>%n पार्सल मेल नहीं खाते</numerusform>
        </translation>
    </message>
    <message>
        <source>READY</source>
        <translation>तैयार</translation>
    </message>
    <message>
        <source>Parcels found late can still be scanned.</source>
        <translation>देर से मिले पार्सल अब भी स्कैन हो सकते हैं।</translation>
    </message>
    <message>
        <source>No discrepancies</source>
        <translation>कोई गड़बड़ी नहीं</translation>
    </message>
    <message>
        <source> · noted: %1 (on the receipt)</source>
        <translation> · नोट किए गए: %1 (रसीद पर)</translation>
    </message>
    <message>
        <source>✔ Marketplace total %1 equals the FE scans received</source>
        <translation>✔ मार्केटप्लेस का कुल %1, मिले हुए FE स्कैन के बराबर है</translation>
    </message>
    <message>
        <source>⚠ Marketplace total %1, but %2 FE scans received</source>
        <translation>⚠ मार्केटप्लेस का कुल %1, पर FE के %2 स्कैन मिले</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong.</source>
        <translation>कुछ गड़बड़ हो गई।</translation>
    </message>
    <message>
        <source>Try again. If it keeps happening, call IT support.</source>
        <translation>फिर से कोशिश करें। बार-बार हो तो IT सपोर्ट को बुलाएँ।</translation>
    </message>
    <message>
        <source>The app is not configured correctly.</source>
        <extracomment>how ``user_text`` translates ``message`` and ``action`` (the UI installs Qt&apos;s lookup under the context &quot;Errors&quot;; without it, as here and on the command line, the words are English)</extracomment>
        <translation>ऐप की सेटिंग्स सही नहीं हैं।</translation>
    </message>
    <message>
        <source>Ask the IT admin to check the settings.</source>
        <translation>IT एडमिन से सेटिंग्स जाँचने को कहें।</translation>
    </message>
    <message>
        <source>No marketplace API credentials are set up on this terminal.</source>
        <translation>इस टर्मिनल पर मार्केटप्लेस API के क्रेडेंशियल सेट नहीं हैं।</translation>
    </message>
    <message>
        <source>Ask the IT admin to enter the client id and secret in Settings, or set RETURNS_DESK_CLIENT_ID and RETURNS_DESK_CLIENT_SECRET.</source>
        <translation>IT एडमिन से सेटिंग्स में क्लाइंट आईडी और सीक्रेट डलवाएँ, या RETURNS_DESK_CLIENT_ID और RETURNS_DESK_CLIENT_SECRET सेट करवाएँ।</translation>
    </message>
    <message>
        <source>That read is not a label the app can record.</source>
        <translation>यह रीड ऐसा लेबल नहीं है जिसे ऐप दर्ज कर सके।</translation>
    </message>
    <message>
        <source>Scan the label again; if it keeps happening, check the scanner&apos;s settings.</source>
        <translation>लेबल फिर से स्कैन करें; बार-बार हो तो स्कैनर की सेटिंग्स जाँचें।</translation>
    </message>
    <message>
        <source>This FE has not started scanning yet.</source>
        <translation>इस FE ने अभी स्कैनिंग शुरू नहीं की है।</translation>
    </message>
    <message>
        <source>The Start OTC comes first (F2).</source>
        <translation>पहले Start OTC (F2)।</translation>
    </message>
    <message>
        <source>This handover is complete: scanning it is closed.</source>
        <translation>यह हैंडओवर पूरा हो चुका है: इसकी स्कैनिंग बंद है।</translation>
    </message>
    <message>
        <source>Select the FE whose parcels these are (F6), then scan the parcel again.</source>
        <translation>जिस FE के ये पार्सल हैं उसे चुनें (F6), फिर पार्सल दोबारा स्कैन करें।</translation>
    </message>
    <message>
        <source>The marketplace cannot be reached.</source>
        <translation>मार्केटप्लेस तक नहीं पहुँच पा रहे।</translation>
    </message>
    <message>
        <source>Check the terminal&apos;s network cable or Wi-Fi; the app keeps retrying on its own.</source>
        <translation>टर्मिनल का नेटवर्क केबल या Wi-Fi जाँचें; ऐप अपने आप कोशिश करता रहेगा।</translation>
    </message>
    <message>
        <source>The marketplace did not answer in time.</source>
        <translation>मार्केटप्लेस ने समय पर जवाब नहीं दिया।</translation>
    </message>
    <message>
        <source>The app will try again shortly; keep scanning.</source>
        <translation>ऐप थोड़ी देर में फिर कोशिश करेगा; स्कैन करते रहें।</translation>
    </message>
    <message>
        <source>The marketplace sent an answer the app cannot read.</source>
        <translation>मार्केटप्लेस ने ऐसा जवाब भेजा जो ऐप पढ़ नहीं सकता।</translation>
    </message>
    <message>
        <source>The app will try again; if it keeps happening, call IT support.</source>
        <translation>ऐप फिर कोशिश करेगा; बार-बार हो तो IT सपोर्ट को बुलाएँ।</translation>
    </message>
    <message>
        <source>The marketplace rejected this terminal&apos;s API client id or secret.</source>
        <translation>मार्केटप्लेस ने इस टर्मिनल की API क्लाइंट आईडी या सीक्रेट नहीं माना।</translation>
    </message>
    <message>
        <source>Ask the IT admin to check the client id and secret in Settings.</source>
        <translation>IT एडमिन से सेटिंग्स में क्लाइंट आईडी और सीक्रेट जाँचने को कहें।</translation>
    </message>
    <message>
        <source>The marketplace asked the app to slow down.</source>
        <translation>मार्केटप्लेस ने ऐप को धीमे चलने को कहा है।</translation>
    </message>
    <message>
        <source>The site database cannot be reached.</source>
        <translation>साइट डेटाबेस से संपर्क नहीं हो रहा।</translation>
    </message>
    <message>
        <source>This terminal keeps working on its own and catches up when the database is back; if it lasts, call IT support.</source>
        <translation>यह टर्मिनल अकेले काम करता रहेगा और डेटाबेस लौटने पर सब मिला लेगा; देर तक ऐसा रहे तो IT सपोर्ट को बुलाएँ।</translation>
    </message>
    <message>
        <source>Another terminal of the site uses this terminal id.</source>
        <translation>साइट का कोई और टर्मिनल यही टर्मिनल आईडी इस्तेमाल कर रहा है।</translation>
    </message>
    <message>
        <source>This terminal works alone until it has an id of its own: ask the IT admin to change it in Settings, Terminal.</source>
        <translation>जब तक इसे अपनी अलग आईडी नहीं मिलती, यह टर्मिनल अकेले काम करेगा: IT एडमिन से सेटिंग्स, टर्मिनल में इसे बदलने को कहें।</translation>
    </message>
    <message>
        <source>The site database is not set up for this version.</source>
        <translation>साइट डेटाबेस इस वर्ज़न के लिए तैयार नहीं है।</translation>
    </message>
    <message>
        <source>Ask the IT admin to run &apos;returns-desk site init&apos; with this version.</source>
        <translation>IT एडमिन से इस वर्ज़न के साथ &apos;returns-desk site init&apos; चलाने को कहें।</translation>
    </message>
    <message>
        <source>No returns are expected at this location today.</source>
        <translation>आज इस लोकेशन पर कोई रिटर्न नहीं आना है।</translation>
    </message>
    <message>
        <source>Nothing to do; the app checks again regularly.</source>
        <translation>कुछ करने की ज़रूरत नहीं; ऐप थोड़ी-थोड़ी देर में फिर देखता है।</translation>
    </message>
    <message>
        <source>The marketplace says this task is not a return task.</source>
        <translation>मार्केटप्लेस के अनुसार यह टास्क रिटर्न टास्क नहीं है।</translation>
    </message>
    <message>
        <source>Call IT support; this terminal may be misconfigured.</source>
        <translation>IT सपोर्ट को बुलाएँ; इस टर्मिनल की सेटिंग्स गलत हो सकती हैं।</translation>
    </message>
    <message>
        <source>This return task is already closed at the marketplace.</source>
        <translation>यह रिटर्न टास्क मार्केटप्लेस पर पहले ही बंद हो चुका है।</translation>
    </message>
    <message>
        <source>Refresh the list; ask the field executive whether the handover was finished.</source>
        <translation>सूची रीफ़्रेश करें; फ़ील्ड एग्ज़ीक्यूटिव से पूछें कि हैंडओवर पूरा हुआ या नहीं।</translation>
    </message>
    <message>
        <source>Not every scanned parcel has been synced from the marketplace yet.</source>
        <translation>अभी सभी स्कैन हुए पार्सल मार्केटप्लेस से सिंक नहीं हुए हैं।</translation>
    </message>
    <message>
        <source>Wait a moment; the app fetches the remaining parcels and tries again.</source>
        <translation>थोड़ा रुकें; ऐप बाकी पार्सल लेकर फिर कोशिश करेगा।</translation>
    </message>
    <message>
        <source>The field executive is still scanning.</source>
        <translation>फ़ील्ड एग्ज़ीक्यूटिव अभी स्कैन कर रहा है।</translation>
    </message>
    <message>
        <source>Ask the field executive to finish scanning and open the End OTC page.</source>
        <translation>फ़ील्ड एग्ज़ीक्यूटिव से स्कैन पूरा करके एंड OTC पेज खोलने को कहें।</translation>
    </message>
    <message>
        <source>The marketplace does not know this field executive for this task.</source>
        <translation>मार्केटप्लेस इस टास्क के लिए इस फ़ील्ड एग्ज़ीक्यूटिव को नहीं पहचानता।</translation>
    </message>
    <message>
        <source>Refresh the list of field executives and try again.</source>
        <translation>फ़ील्ड एग्ज़ीक्यूटिव की सूची रीफ़्रेश करें और फिर कोशिश करें।</translation>
    </message>
    <message>
        <source>The marketplace refused this terminal&apos;s access.</source>
        <translation>मार्केटप्लेस ने इस टर्मिनल को इजाज़त नहीं दी।</translation>
    </message>
    <message>
        <source>Ask the IT admin to check the API credentials and that the seller location id belongs to this seller account.</source>
        <translation>IT एडमिन से API क्रेडेंशियल जाँचने को कहें, और यह भी कि सेलर लोकेशन आईडी इसी सेलर खाते की है।</translation>
    </message>
    <message>
        <source>The marketplace is having trouble right now.</source>
        <translation>मार्केटप्लेस में अभी दिक्कत है।</translation>
    </message>
    <message>
        <source>The app keeps retrying on its own; keep scanning.</source>
        <translation>ऐप अपने आप कोशिश करता रहेगा; स्कैन करते रहें।</translation>
    </message>
    <message>
        <source>The marketplace is temporarily unavailable.</source>
        <translation>मार्केटप्लेस कुछ देर के लिए उपलब्ध नहीं है।</translation>
    </message>
    <message>
        <source>The marketplace took too long to answer.</source>
        <translation>मार्केटप्लेस ने जवाब देने में बहुत देर लगाई।</translation>
    </message>
    <message>
        <source>The marketplace answered with an error.</source>
        <translation>मार्केटप्लेस ने गलती का जवाब दिया।</translation>
    </message>
    <message>
        <source>Try again; if it keeps happening, call IT support and quote the code.</source>
        <translation>फिर कोशिश करें; बार-बार हो तो IT सपोर्ट को बुलाएँ और कोड बताएँ।</translation>
    </message>
    <message>
        <source>A return could not be handed on to the seller&apos;s system.</source>
        <translation>एक रिटर्न सेलर के सिस्टम को आगे नहीं भेजा जा सका।</translation>
    </message>
    <message>
        <source>The seller&apos;s system cannot be reached.</source>
        <extracomment>the request may have reached the destination: check before sending it again</extracomment>
        <translation>सेलर के सिस्टम तक नहीं पहुँच पा रहे।</translation>
    </message>
    <message>
        <source>The app keeps retrying on its own.</source>
        <translation>ऐप अपने आप कोशिश करता रहेगा।</translation>
    </message>
    <message>
        <source>The seller&apos;s system is having trouble right now.</source>
        <translation>सेलर के सिस्टम में अभी दिक्कत है।</translation>
    </message>
    <message>
        <source>The seller&apos;s system refused this terminal&apos;s user name or password.</source>
        <translation>सेलर के सिस्टम ने इस टर्मिनल का यूज़र नेम या पासवर्ड नहीं माना।</translation>
    </message>
    <message>
        <source>Ask the IT admin to check the destination&apos;s credentials; entries wait and retry.</source>
        <translation>IT एडमिन से उस सिस्टम के क्रेडेंशियल जाँचने को कहें; एंट्री रुककर फिर भेजी जाएँगी।</translation>
    </message>
    <message>
        <source>The seller&apos;s system does not know the address the app calls.</source>
        <translation>ऐप जिस पते पर भेजता है, सेलर का सिस्टम उसे नहीं पहचानता।</translation>
    </message>
    <message>
        <source>Ask the IT admin to check the destination&apos;s base URL; entries wait and retry.</source>
        <translation>IT एडमिन से उस सिस्टम का बेस URL जाँचने को कहें; एंट्री रुककर फिर भेजी जाएँगी।</translation>
    </message>
    <message>
        <source>The app refused to send the seller&apos;s system its key over plain http.</source>
        <translation>ऐप ने विक्रेता के सिस्टम की कुंजी सादे http पर भेजने से मना कर दिया।</translation>
    </message>
    <message>
        <source>Ask the IT admin to set the destination&apos;s https:// address in Settings; entries wait and retry.</source>
        <translation>IT एडमिन से सेटिंग्स में गंतव्य का https:// पता डालने को कहें; प्रविष्टियाँ रुकी रहती हैं और फिर से कोशिश होती है।</translation>
    </message>
    <message>
        <source>The seller&apos;s system sent an answer the app cannot read.</source>
        <translation>सेलर के सिस्टम ने ऐसा जवाब भेजा जो ऐप पढ़ नहीं सकता।</translation>
    </message>
    <message>
        <source>The app checks and retries on its own; if it keeps happening, call IT support.</source>
        <translation>ऐप अपने आप जाँचकर फिर कोशिश करेगा; बार-बार हो तो IT सपोर्ट को बुलाएँ।</translation>
    </message>
    <message>
        <source>The seller&apos;s system refused this return&apos;s data.</source>
        <translation>सेलर के सिस्टम ने इस रिटर्न की जानकारी नहीं मानी।</translation>
    </message>
    <message>
        <source>Read the error, correct the returns report and retry the entry, or skip it.</source>
        <translation>गलती पढ़ें, रिटर्न रिपोर्ट ठीक करें और एंट्री फिर से भेजें, या छोड़ दें।</translation>
    </message>
    <message>
        <source>The seller&apos;s system says it already has this return.</source>
        <translation>सेलर का सिस्टम कहता है कि यह रिटर्न उसके पास पहले से है।</translation>
    </message>
    <message>
        <source>Check the return in the seller&apos;s system, then skip the entry (or retry it).</source>
        <translation>सेलर के सिस्टम में रिटर्न जाँचें, फिर एंट्री छोड़ दें (या फिर से भेजें)।</translation>
    </message>
    <message>
        <source>No user name and password are set up for this seller system.</source>
        <translation>इस सेलर सिस्टम के लिए यूज़र नेम और पासवर्ड सेट नहीं हैं।</translation>
    </message>
    <message>
        <source>Ask the IT admin to enter them in Settings (kept in the OS credential store).</source>
        <translation>IT एडमिन से इन्हें सेटिंग्स में डलवाएँ (OS के क्रेडेंशियल स्टोर में रखे जाते हैं)।</translation>
    </message>
    <message>
        <source>The returns report cannot be read.</source>
        <translation>रिटर्न रिपोर्ट पढ़ी नहीं जा सकती।</translation>
    </message>
    <message>
        <source>Export it again from the seller panel as CSV or XLSX and check the column mapping.</source>
        <translation>सेलर पैनल से इसे CSV या XLSX में फिर से निकालें और कॉलम मिलान जाँचें।</translation>
    </message>
    <message>
        <source>An unexpected problem occurred while handing on a return.</source>
        <extracomment>how long an entry waits when the site database cannot say who hands it on</extracomment>
        <translation>रिटर्न आगे भेजते समय एक अनजानी समस्या हुई।</translation>
    </message>
    <message>
        <source>The app retries on its own; if it keeps happening, call IT support.</source>
        <translation>ऐप अपने आप फिर कोशिश करता है; बार-बार हो तो IT सपोर्ट को बुलाएँ।</translation>
    </message>
    <message>
        <source>The slip could not be printed.</source>
        <translation>पर्ची प्रिंट नहीं हो सकी।</translation>
    </message>
    <message>
        <source>Check the printer.</source>
        <translation>प्रिंटर जाँचें।</translation>
    </message>
    <message>
        <source>No printer is installed on this terminal.</source>
        <translation>इस टर्मिनल पर कोई प्रिंटर इंस्टॉल नहीं है।</translation>
    </message>
    <message>
        <source>Ask the IT admin to install the slip printer, or set a PDF folder.</source>
        <translation>IT एडमिन से पर्ची प्रिंटर इंस्टॉल करवाएँ, या PDF फ़ोल्डर सेट करवाएँ।</translation>
    </message>
    <message>
        <source>The slip printer set up for this terminal is not installed.</source>
        <translation>इस टर्मिनल के लिए चुना गया पर्ची प्रिंटर इंस्टॉल नहीं है।</translation>
    </message>
    <message>
        <source>Ask the IT admin to pick an installed printer in Settings.</source>
        <translation>IT एडमिन से सेटिंग्स में इंस्टॉल किया हुआ प्रिंटर चुनवाएँ।</translation>
    </message>
    <message>
        <source>The slip printer reports a problem (offline, out of paper or jammed).</source>
        <translation>पर्ची प्रिंटर में दिक्कत है (बंद है, कागज़ खत्म है या कागज़ फँसा है)।</translation>
    </message>
    <message>
        <source>Check that it is on, has paper and its cover is closed.</source>
        <translation>देखें कि वह चालू है, उसमें कागज़ है और ढक्कन बंद है।</translation>
    </message>
    <message>
        <source>The paper size set up for the slip printer is not known.</source>
        <translation>पर्ची प्रिंटर के लिए चुना गया कागज़ का साइज़ पहचाना नहीं गया।</translation>
    </message>
    <message>
        <source>Ask the IT admin to pick one of the printer&apos;s own paper forms.</source>
        <translation>IT एडमिन से प्रिंटर का अपना कोई पेपर फ़ॉर्म चुनवाएँ।</translation>
    </message>
    <message>
        <source>The slip could not be saved as a PDF.</source>
        <translation>पर्ची PDF के रूप में सेव नहीं हो सकी।</translation>
    </message>
    <message>
        <source>Ask the IT admin to check the PDF folder exists and can be written.</source>
        <translation>IT एडमिन से जाँच करवाएँ कि PDF फ़ोल्डर मौजूद है और उसमें लिखा जा सकता है।</translation>
    </message>
    <message>
        <source>Raw ESC/POS printing works only on Windows with pywin32 installed.</source>
        <translation>सीधी ESC/POS प्रिंटिंग सिर्फ़ Windows पर pywin32 इंस्टॉल होने पर चलती है।</translation>
    </message>
    <message>
        <source>Switch the printer back to the normal driver in Settings.</source>
        <translation>सेटिंग्स में प्रिंटर को फिर से सामान्य ड्राइवर पर करें।</translation>
    </message>
    <message>
        <source>There is no slip to print for this handover.</source>
        <translation>इस हैंडओवर के लिए प्रिंट करने को कोई पर्ची नहीं है।</translation>
    </message>
    <message>
        <source>A Start OTC slip needs a Start OTC, a handover receipt an End OTC.</source>
        <translation>स्टार्ट OTC पर्ची के लिए स्टार्ट OTC चाहिए, हैंडओवर रसीद के लिए एंड OTC।</translation>
    </message>
    <message>
        <source>There is a problem with this terminal&apos;s local database.</source>
        <translation>इस टर्मिनल के अपने डेटाबेस में दिक्कत है।</translation>
    </message>
    <message>
        <source>Try again; if it keeps happening, call IT support.</source>
        <translation>फिर कोशिश करें; बार-बार हो तो IT सपोर्ट को बुलाएँ।</translation>
    </message>
    <message>
        <source>The local database file of Returns Desk is damaged.</source>
        <translation>Returns Desk की डेटाबेस फ़ाइल खराब हो गई है।</translation>
    </message>
    <message>
        <source>Ask IT support: the app can set the damaged file aside (it is kept, renamed &apos;returns-desk.corrupt-&lt;date&gt;&apos;) and start with a fresh database.</source>
        <translation>IT सपोर्ट से पूछें: ऐप खराब फ़ाइल को अलग रख सकता है (वह &apos;returns-desk.corrupt-&lt;date&gt;&apos; नाम से रखी रहती है) और नए डेटाबेस से शुरू कर सकता है।</translation>
    </message>
    <message>
        <source>The local database was made by a newer version of Returns Desk.</source>
        <translation>यह डेटाबेस Returns Desk के नए वर्ज़न ने बनाया है।</translation>
    </message>
    <message>
        <source>Install the newer version of Returns Desk; the database was left untouched.</source>
        <translation>Returns Desk का नया वर्ज़न इंस्टॉल करें; डेटाबेस को छुआ नहीं गया है।</translation>
    </message>
    <message>
        <source>The local database is busy: another program is using it.</source>
        <translation>डेटाबेस व्यस्त है: कोई और प्रोग्राम उसे इस्तेमाल कर रहा है।</translation>
    </message>
    <message>
        <source>Try again in a moment; if it keeps happening, close other copies of Returns Desk and any export job.</source>
        <translation>थोड़ी देर में फिर कोशिश करें; बार-बार हो तो Returns Desk की दूसरी कॉपी और कोई भी एक्सपोर्ट बंद करें।</translation>
    </message>
    <message>
        <source>Returns Desk cannot read or write its database file.</source>
        <translation>Returns Desk अपनी डेटाबेस फ़ाइल पढ़ या लिख नहीं पा रहा।</translation>
    </message>
    <message>
        <source>Check that the disk is not full and that the data folder can be written; call IT support.</source>
        <translation>देखें कि डिस्क भरी न हो और डेटा फ़ोल्डर में लिखा जा सके; IT सपोर्ट को बुलाएँ।</translation>
    </message>
    <message>
        <source>There is no Returns Desk database in this folder.</source>
        <translation>इस फ़ोल्डर में Returns Desk का कोई डेटाबेस नहीं है।</translation>
    </message>
    <message>
        <source>Check --data-dir (or RETURNS_DESK_DATA_DIR): it must be the terminal&apos;s data folder.</source>
        <translation>--data-dir (या RETURNS_DESK_DATA_DIR) जाँचें: यह टर्मिनल का डेटा फ़ोल्डर होना चाहिए।</translation>
    </message>
    <message>
        <source>Returns Desk is already running on this terminal.</source>
        <translation>इस टर्मिनल पर Returns Desk पहले से चल रहा है।</translation>
    </message>
    <message>
        <source>Switch to the Returns Desk window that is already open, or close it first.</source>
        <translation>पहले से खुली Returns Desk विंडो पर जाएँ, या पहले उसे बंद करें।</translation>
    </message>
    <message>
        <source>This hand-on entry was already sent: what was sent cannot be changed.</source>
        <translation>यह एंट्री पहले ही भेजी जा चुकी है: भेजी गई जानकारी बदली नहीं जा सकती।</translation>
    </message>
    <message>
        <source>Nothing to do here; correct it in the destination system if it is wrong.</source>
        <translation>यहाँ कुछ नहीं करना; गलत हो तो पाने वाले सिस्टम में ठीक करें।</translation>
    </message>
    <message>
        <source>The report could not be written.</source>
        <translation>रिपोर्ट लिखी नहीं जा सकी।</translation>
    </message>
    <message>
        <source>Check that the output folder exists and can be written, and that the report is not open in another program (Excel), then try again.</source>
        <translation>देखें कि आउटपुट फ़ोल्डर मौजूद है और उसमें लिखा जा सकता है, और रिपोर्ट किसी दूसरे प्रोग्राम (Excel) में खुली नहीं है, फिर दोबारा कोशिश करें।</translation>
    </message>
    <message>
        <source>The --since date is not a valid date.</source>
        <translation>--since की तारीख सही नहीं है।</translation>
    </message>
    <message>
        <source>Write it as YYYY-MM-DD, for example 2024-05-31.</source>
        <translation>इसे YYYY-MM-DD की तरह लिखें, जैसे 2024-05-31।</translation>
    </message>
    <message>
        <source>The client id and secret could not be kept in this computer&apos;s credential store.</source>
        <translation>क्लाइंट आईडी और सीक्रेट इस कंप्यूटर के क्रेडेंशियल स्टोर में नहीं रखे जा सके।</translation>
    </message>
    <message>
        <source>The site database&apos;s password could not be kept in this computer&apos;s credential store.</source>
        <translation>साइट डेटाबेस का पासवर्ड इस कंप्यूटर के क्रेडेंशियल स्टोर में नहीं रखा जा सका।</translation>
    </message>
    <message>
        <source>The settings could not be saved.</source>
        <extracomment>&quot;&quot; no camera; &quot;default&quot; the system&apos;s default camera; else a device id or name &quot;1280x720&quot;; &quot;&quot; the camera&apos;s own default a photo is taken by itself when a parcel is marked not good</extracomment>
        <translation>सेटिंग्स सेव नहीं हो सकीं।</translation>
    </message>
    <message>
        <source>Check that the settings folder exists and can be written, and that no other program has the settings file open, then try again.</source>
        <translation>देखें कि सेटिंग्स फ़ोल्डर मौजूद है और उसमें लिखा जा सकता है, और सेटिंग्स फ़ाइल किसी दूसरे प्रोग्राम में खुली नहीं है, फिर दोबारा कोशिश करें।</translation>
    </message>
</context>
<context>
    <name>FeCardDelegate</name>
    <message>
        <source>Start OTC %1</source>
        <translation>स्टार्ट OTC %1</translation>
    </message>
    <message>
        <source>No Start OTC yet</source>
        <translation>अभी स्टार्ट OTC नहीं</translation>
    </message>
    <message>
        <source>%1/%2 matched</source>
        <translation>%1/%2 मिलान</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source> · %1 waiting</source>
        <translation> · %1 बाकी</translation>
    </message>
    <message>
        <source> · %1 missing</source>
        <translation> · %1 गायब</translation>
    </message>
    <message>
        <source> · %1 extra</source>
        <translation> · %1 ज़्यादा</translation>
    </message>
    <message>
        <source> · status &quot;%1&quot;</source>
        <translation> · स्थिति &quot;%1&quot;</translation>
    </message>
    <message>
        <source> · not listed now</source>
        <translation> · अभी सूची में नहीं</translation>
    </message>
</context>
<context>
    <name>FeHeader</name>
    <message>
        <source>%1 · task %2 · FE id %3</source>
        <translation>%1 · टास्क %2 · FE आईडी %3</translation>
    </message>
    <message>
        <source>partner ?</source>
        <translation>पार्टनर ?</translation>
    </message>
    <message>
        <source> · not listed by the marketplace right now</source>
        <translation> · मार्केटप्लेस की सूची में अभी नहीं</translation>
    </message>
</context>
<context>
    <name>FeListModel</name>
    <message>
        <source>%1 · %2 · %3 · task %4</source>
        <translation>%1 · %2 · %3 · टास्क %4</translation>
    </message>
    <message>
        <source>%1, %2, %3, %4 matched of %5</source>
        <translation>%1, %2, %3, %5 में से %4 मिलान</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Marketplace</source>
        <translation>मार्केटप्लेस</translation>
    </message>
    <message>
        <source>The seller API account of this dock. The secret is kept in the computer&apos;s credential store, never in a file. Test the connection before you go on.</source>
        <translation>इस डॉक का सेलर API खाता। सीक्रेट कंप्यूटर के क्रेडेंशियल स्टोर में रखा जाता है, किसी फ़ाइल में कभी नहीं। आगे बढ़ने से पहले कनेक्शन जाँच लें।</translation>
    </message>
    <message>
        <source>Set up Returns Desk</source>
        <translation>Returns Desk सेट अप करें</translation>
    </message>
    <message>
        <source>Welcome to Returns Desk</source>
        <translation>Returns Desk में आपका स्वागत है</translation>
    </message>
    <message>
        <source>This terminal needs a few settings before the dock can receive returns: the marketplace account, the terminal&apos;s name, the slip printer and an admin PIN that keeps the settings away from clerks.

Have the API client id and secret and the seller location id at hand.</source>
        <translation>डॉक पर रिटर्न लेने से पहले इस टर्मिनल को कुछ सेटिंग्स चाहिए: मार्केटप्लेस खाता, टर्मिनल का नाम, पर्ची प्रिंटर और एक एडमिन पिन जो सेटिंग्स को क्लर्क से दूर रखे।

API क्लाइंट आईडी और सीक्रेट, और सेलर लोकेशन आईडी पास रखें।</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>टर्मिनल</translation>
    </message>
    <message>
        <source>The name of this terminal (printed on slips) and who works at it.</source>
        <translation>इस टर्मिनल का नाम (पर्चियों पर छपता है) और इस पर कौन काम करता है।</translation>
    </message>
    <message>
        <source>Slip printer</source>
        <translation>पर्ची प्रिंटर</translation>
    </message>
    <message>
        <source>Where slips are printed, and a folder that keeps a PDF of each one.</source>
        <translation>पर्चियाँ कहाँ प्रिंट हों, और एक फ़ोल्डर जिसमें हर पर्ची की PDF रहे।</translation>
    </message>
    <message>
        <source>Admin PIN</source>
        <translation>एडमिन पिन</translation>
    </message>
    <message>
        <source>The settings will ask for this PIN. Keep it from the clerks.</source>
        <translation>सेटिंग्स खोलने पर यह पिन माँगा जाएगा। इसे क्लर्क को न बताएँ।</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>सिस्टम का डिफ़ॉल्ट</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>सफल</translation>
    </message>
    <message>
        <source>skipped: check the connection once the network is ready</source>
        <translation>छोड़ा गया: नेटवर्क तैयार होने पर कनेक्शन जाँचें</translation>
    </message>
    <message>
        <source>API: %s</source>
        <translation>API: %s</translation>
    </message>
    <message>
        <source>Seller location: %s</source>
        <translation>सेलर लोकेशन: %s</translation>
    </message>
    <message>
        <source>Connection test: %s</source>
        <translation>कनेक्शन जाँच: %s</translation>
    </message>
    <message>
        <source>Terminal: %s</source>
        <translation>टर्मिनल: %s</translation>
    </message>
    <message>
        <source>Operator: %s</source>
        <translation>ऑपरेटर: %s</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(कोई नहीं)</translation>
    </message>
    <message>
        <source>Printer: %s, paper %s</source>
        <translation>प्रिंटर: %s, कागज़ %s</translation>
    </message>
    <message>
        <source>PDF folder: %s</source>
        <translation>PDF फ़ोल्डर: %s</translation>
    </message>
    <message>
        <source>Admin PIN: set</source>
        <translation>एडमिन पिन: सेट है</translation>
    </message>
</context>
<context>
    <name>GapChart</name>
    <message>
        <source>mean %1 ms</source>
        <translation>औसत %1 ms</translation>
    </message>
    <message>
        <source>max %1 ms</source>
        <translation>अधिकतम %1 ms</translation>
    </message>
    <message>
        <source>Scan a label to see its timing</source>
        <translation>समय देखने के लिए कोई लेबल स्कैन करें</translation>
    </message>
</context>
<context>
    <name>HandonSettingsPage</name>
    <message>
        <source>Send returns to Omni (Increff)</source>
        <translation>रिटर्न Omni (Increff) को भेजें</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>बेस URL</translation>
    </message>
    <message>
        <source>Location code</source>
        <translation>लोकेशन कोड</translation>
    </message>
    <message>
        <source>AWB integration with RMS</source>
        <translation>RMS के साथ AWB इंटीग्रेशन</translation>
    </message>
    <message>
        <source>Seller GSTIN</source>
        <translation>सेलर GSTIN</translation>
    </message>
    <message>
        <source>Consignee GSTIN</source>
        <translation>कंसाइनी GSTIN</translation>
    </message>
    <message>
        <source>— none or not known —</source>
        <translation>— कोई नहीं या पता नहीं —</translation>
    </message>
    <message>
        <source>With CLICKPOST, Omni needs the seller GSTIN and the invoice number and time.</source>
        <translation>CLICKPOST के साथ Omni को विक्रेता का GSTIN और इनवॉइस नंबर व समय चाहिए।</translation>
    </message>
    <message>
        <source>Logistics aggregator</source>
        <translation>लॉजिस्टिक्स एग्रीगेटर</translation>
    </message>
    <message>
        <source>Ask Omni&apos;s look-up by AWB</source>
        <translation>AWB से Omni में खोज करवाएँ</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>यूज़र नेम</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>पासवर्ड</translation>
    </message>
    <message>
        <source>Domain (optional)</source>
        <translation>डोमेन (ज़रूरी नहीं)</translation>
    </message>
    <message>
        <source>Send returns to the Unicommerce POS</source>
        <translation>रिटर्न Unicommerce POS को भेजें</translation>
    </message>
    <message>
        <source>Facility code</source>
        <translation>फ़ैसिलिटी कोड</translation>
    </message>
    <message>
        <source>A duplicate answer means the POS has the return</source>
        <translation>डुप्लिकेट जवाब का मतलब POS के पास रिटर्न है</translation>
    </message>
    <message>
        <source>Attempts before “needs attention”</source>
        <translation>“ध्यान दें” से पहले कितनी कोशिशें</translation>
    </message>
    <message>
        <source>— the report must say —</source>
        <translation>— रिपोर्ट में होना चाहिए —</translation>
    </message>
    <message>
        <source>Customer return</source>
        <translation>ग्राहक रिटर्न</translation>
    </message>
    <message>
        <source>Return to origin</source>
        <translation>रिटर्न टू ओरिजिन (RTO)</translation>
    </message>
    <message>
        <source>Self ship</source>
        <translation>सेल्फ़ शिप</translation>
    </message>
    <message>
        <source>Kind of return when the report does not say</source>
        <translation>रिपोर्ट में न लिखा हो तो रिटर्न का प्रकार</translation>
    </message>
    <message>
        <source>Passwords are kept in the OS credential store, never in the settings file.</source>
        <translation>पासवर्ड OS के क्रेडेंशियल स्टोर में रखे जाते हैं, सेटिंग्स फ़ाइल में कभी नहीं।</translation>
    </message>
    <message>
        <source>saved — leave empty to keep it</source>
        <translation>सेव है — वही रखने के लिए खाली छोड़ें</translation>
    </message>
    <message>
        <source>%1: enter both the user name and the password.</source>
        <translation>%1: यूज़र नेम और पासवर्ड दोनों डालें।</translation>
    </message>
    <message>
        <source>The OS credential store cannot be reached.</source>
        <translation>OS के क्रेडेंशियल स्टोर तक नहीं पहुँच पा रहे।</translation>
    </message>
</context>
<context>
    <name>HandonView</name>
    <message>
        <source>Hand-on to the seller&apos;s systems</source>
        <extracomment>entries were put back to waiting: ``Desk.trigger_handon`` sends them the admin wants to import the returns report: open ``ImportReportDialog`` a read of the counts and entries is shown the Close button: the dialog that holds the view closes (as Esc does)</extracomment>
        <translation>सेलर के सिस्टम को आगे भेजना</translation>
    </message>
    <message>
        <source>All entries</source>
        <translation>सभी एंट्री</translation>
    </message>
    <message>
        <source>Find a tracking id</source>
        <translation>ट्रैकिंग आईडी खोजें</translation>
    </message>
    <message>
        <source>Import returns report…</source>
        <translation>रिटर्न रिपोर्ट लाएँ…</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>दिखाएँ</translation>
    </message>
    <message>
        <source>Select an entry to see its history.</source>
        <translation>इतिहास देखने के लिए कोई एंट्री चुनें।</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>फिर से भेजें</translation>
    </message>
    <message>
        <source>Skip…</source>
        <translation>छोड़ें…</translation>
    </message>
    <message>
        <source>Retry all needing attention</source>
        <translation>ध्यान वाली सभी फिर से भेजें</translation>
    </message>
    <message>
        <source>Close  (Esc)</source>
        <translation>बंद करें  (Esc)</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>ध्यान दें</translation>
    </message>
    <message>
        <source>Needs data</source>
        <translation>जानकारी चाहिए</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>बाकी</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>भेजा गया</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>छोड़ा गया</translation>
    </message>
    <message>
        <source>Nothing to hand on yet.</source>
        <translation>अभी आगे भेजने को कुछ नहीं।</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 से %2</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>स्थिति: %1</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>आखिरी गलती: %1</translation>
    </message>
    <message>
        <source>%1 entries will be sent again.</source>
        <translation>%1 एंट्री फिर से भेजी जाएँगी।</translation>
    </message>
    <message>
        <source>%1 entries skipped.</source>
        <translation>%1 एंट्री छोड़ी गईं।</translation>
    </message>
</context>
<context>
    <name>HandoverPane</name>
    <message>
        <source>READY</source>
        <translation>तैयार</translation>
    </message>
    <message>
        <source>Handover complete.</source>
        <translation>हैंडओवर पूरा हुआ।</translation>
    </message>
    <message>
        <source>The End OTC is in: read it out to the FE.</source>
        <translation>End OTC आ गया: FE को पढ़कर सुनाएँ।</translation>
    </message>
    <message>
        <source>Parcels found late can still be scanned.</source>
        <translation>देर से मिले पार्सल अब भी स्कैन हो सकते हैं।</translation>
    </message>
    <message>
        <source>No field executive at the dock</source>
        <extracomment>the screens in the order they are built after the desk is ready (the likeliest first)</extracomment>
        <translation>डॉक पर कोई फ़ील्ड एग्ज़ीक्यूटिव नहीं</translation>
    </message>
    <message>
        <source>They appear here as soon as the marketplace lists them.</source>
        <translation>मार्केटप्लेस की सूची में आते ही वे यहाँ दिखेंगे।</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Session history</source>
        <translation>पुराने हैंडओवर</translation>
    </message>
    <message>
        <source>Earlier handovers</source>
        <translation>पहले के हैंडओवर</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>कब से (&amp;F)</translation>
    </message>
    <message>
        <source>FE name or id, partner, task, state, OTC…</source>
        <translation>FE का नाम या आईडी, पार्टनर, टास्क, स्थिति, OTC…</translation>
    </message>
    <message>
        <source>F&amp;ind</source>
        <translation>खोजें (&amp;I)</translation>
    </message>
    <message>
        <source>Handover &amp;receipt</source>
        <translation>हैंडओवर रसीद (&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Start OTC slip</source>
        <translation>स्टार्ट OTC पर्ची (&amp;S)</translation>
    </message>
    <message>
        <source>Slip:</source>
        <translation>पर्ची:</translation>
    </message>
    <message>
        <source>Preview  (Enter)</source>
        <translation>देखें  (Enter)</translation>
    </message>
    <message>
        <source>Reprint  (F9)</source>
        <translation>दोबारा प्रिंट  (F9)</translation>
    </message>
    <message>
        <source>Close  (Esc)</source>
        <translation>बंद करें  (Esc)</translation>
    </message>
    <message>
        <source>&amp;Whole site</source>
        <translation>पूरी साइट (&amp;W)</translation>
    </message>
    <message>
        <source>Every terminal&apos;s handovers, from the site database, with the site&apos;s counts</source>
        <translation>साइट डेटाबेस से हर टर्मिनल के हैंडओवर, पूरी साइट की गिनती के साथ</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>पढ़ रहे हैं…</translation>
    </message>
    <message>
        <source>No handovers since this day.</source>
        <translation>इस दिन के बाद कोई हैंडओवर नहीं।</translation>
    </message>
    <message numerus="yes">
        <source>%n handover(s)</source>
        <translation>
            <numerusform>%n हैंडओवर</numerusform>
            <numerusform>%n हैंडओवर</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n handover(s)</source>
        <translation>
            <numerusform>%n में से %1 हैंडओवर</numerusform>
            <numerusform>%n में से %1 हैंडओवर</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a handover.</source>
        <translation>कोई हैंडओवर चुनें।</translation>
    </message>
    <message>
        <source>Nothing to print for this handover: no Start OTC or End OTC was received for it.</source>
        <translation>इस हैंडओवर के लिए प्रिंट करने को कुछ नहीं: इसका न स्टार्ट OTC मिला, न एंड OTC।</translation>
    </message>
    <message>
        <source>Print  (F9)</source>
        <translation>प्रिंट  (F9)</translation>
    </message>
    <message>
        <source>handover receipt</source>
        <translation>हैंडओवर रसीद</translation>
    </message>
    <message>
        <source>Start OTC slip</source>
        <translation>स्टार्ट OTC पर्ची</translation>
    </message>
    <message>
        <source>%1, task %2: the %3</source>
        <translation>%1, टास्क %2: %3</translation>
    </message>
    <message>
        <source> (first printed %1; printing it again makes a marked reprint)</source>
        <translation> (पहली बार %1 को प्रिंट हुई; फिर से प्रिंट करने पर उस पर &quot;दोबारा प्रिंट&quot; लिखा होगा)</translation>
    </message>
    <message>
        <source> (never printed)</source>
        <translation> (कभी प्रिंट नहीं हुई)</translation>
    </message>
    <message>
        <source>Sent to the printer…</source>
        <translation>प्रिंटर को भेजा…</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <source>Waiting for field executives</source>
        <translation>फ़ील्ड एग्ज़ीक्यूटिव का इंतज़ार</translation>
    </message>
    <message>
        <source>They appear on the left as soon as the marketplace lists them.</source>
        <translation>मार्केटप्लेस की सूची में आते ही वे बाईं ओर दिखेंगे।</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <source>Import the returns report</source>
        <extracomment>the report was read and the mapping shown (tests wait for it) an import finished: the desk then queues and sends (``Desk.trigger_handon``); the hand-on view hears of it through the outbox events (``HandonView.entries_changed``) reading or importing failed; the text is shown in the dialog</extracomment>
        <translation>रिटर्न रिपोर्ट लाएँ</translation>
    </message>
    <message>
        <source>A CSV or XLSX file from the seller panel or the OMS</source>
        <translation>सेलर पैनल या OMS की CSV या XLSX फ़ाइल</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>चुनें…</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>रिपोर्ट</translation>
    </message>
    <message>
        <source>Header row</source>
        <translation>हेडर पंक्ति</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>फ़ील्ड</translation>
    </message>
    <message>
        <source>Column in the report</source>
        <translation>रिपोर्ट का कॉलम</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>पहली वैल्यू</translation>
    </message>
    <message>
        <source>%1 (required)</source>
        <translation>%1 (ज़रूरी)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>लाएँ</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 पढ़ रहे हैं…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>ला रहे हैं…</translation>
    </message>
    <message>
        <source>%1: %2 rows. Check the column of each field, then import.</source>
        <translation>%1: %2 पंक्तियाँ। हर फ़ील्ड का कॉलम जाँचें, फिर लाएँ।</translation>
    </message>
    <message>
        <source>— not in this report —</source>
        <translation>— इस रिपोर्ट में नहीं —</translation>
    </message>
    <message>
        <source>%1 rows read: %2 returns. %3 match parcels received at the dock; %4 are not received yet.</source>
        <translation>%1 पंक्तियाँ पढ़ीं: %2 रिटर्न। %3 डॉक पर मिले पार्सलों से मेल खाते हैं; %4 अभी नहीं मिले।</translation>
    </message>
    <message>
        <source>Hand-on: %1 entries completed and waiting to be sent.</source>
        <translation>आगे भेजना: %1 एंट्री पूरी हुईं और भेजे जाने का इंतज़ार कर रही हैं।</translation>
    </message>
    <message>
        <source>Still needing data: %1</source>
        <translation>अभी भी जानकारी चाहिए: %1</translation>
    </message>
    <message>
        <source>Row %1, %2: %3</source>
        <translation>पंक्ति %1, %2: %3</translation>
    </message>
    <message>
        <source>Imported %1.</source>
        <translation>%1 लाया गया।</translation>
    </message>
    <message>
        <source>Choose the returns report</source>
        <translation>रिटर्न रिपोर्ट चुनें</translation>
    </message>
    <message>
        <source>Reports (*.csv *.txt *.xlsx *.xlsm)</source>
        <translation>रिपोर्ट (*.csv *.txt *.xlsx *.xlsm)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>सभी फ़ाइलें (*)</translation>
    </message>
    <message>
        <source>An unexpected problem stopped the import; it is in the log.</source>
        <translation>एक अनजानी समस्या से लाना रुक गया; यह लॉग में है।</translation>
    </message>
</context>
<context>
    <name>LanguageSwitch</name>
    <message>
        <source>Show the desk and print the slips in %1</source>
        <translation>डेस्क और पर्चियाँ %1 में</translation>
    </message>
    <message>
        <source>This language is not installed: %1</source>
        <translation>यह भाषा इंस्टॉल नहीं है: %1</translation>
    </message>
    <message>
        <source>The language is changed for now but could not be saved.</source>
        <translation>भाषा अभी के लिए बदल गई, पर सेव नहीं हो सकी।</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Returns Desk</source>
        <extracomment>the session is ending (log off, shut down): a close from the system never asks whether the language switch saves the choice (not for a run with --lang)</extracomment>
        <translation>Returns Desk</translation>
    </message>
    <message>
        <source>Returns Desk

Opening the dock record…</source>
        <translation>Returns Desk

डॉक का रिकॉर्ड खुल रहा है…</translation>
    </message>
    <message>
        <source>Returns Desk — %1 — terminal %2</source>
        <translation>Returns Desk — %1 — टर्मिनल %2</translation>
    </message>
    <message>
        <source> (demo)</source>
        <translation> (डेमो)</translation>
    </message>
    <message>
        <source>At the dock</source>
        <translation>डॉक पर</translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation>डेस्क (&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Handover</source>
        <translation>हैंडओवर (&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Admin</source>
        <translation>एडमिन (&amp;A)</translation>
    </message>
    <message>
        <source>De&amp;mo</source>
        <translation>डेमो (&amp;M)</translation>
    </message>
    <message>
        <source>Parcel &amp;condition</source>
        <translation>पार्सल की हालत (&amp;C)</translation>
    </message>
    <message>
        <source>%1 · Terminal %2</source>
        <translation>%1 · टर्मिनल %2</translation>
    </message>
    <message>
        <source>Location %1 · Terminal %2</source>
        <translation>लोकेशन %1 · टर्मिनल %2</translation>
    </message>
    <message>
        <source> · %1</source>
        <translation> · %1</translation>
    </message>
    <message>
        <source>Operator %1</source>
        <translation>ऑपरेटर %1</translation>
    </message>
    <message>
        <source>Caps Lock on? Scans come in lower case</source>
        <translation>Caps Lock चालू है? स्कैन छोटे अक्षरों में आते हैं</translation>
    </message>
    <message>
        <source>DEMO · F12 pretends to scan a parcel</source>
        <translation>डेमो · F12 दबाने पर पार्सल स्कैन जैसा होता है</translation>
    </message>
    <message numerus="yes">
        <source>%n handover(s) open: %1.</source>
        <translation>
            <numerusform>%n हैंडओवर खुला है: %1।</numerusform>
            <numerusform>%n हैंडओवर खुले हैं: %1।</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit Returns Desk?</source>
        <translation>Returns Desk बंद करें?</translation>
    </message>
    <message>
        <source>Nothing is lost: every scan is saved here, and the open handovers are taken up again when Returns Desk starts.</source>
        <translation>कुछ भी नहीं खोता: हर स्कैन यहीं सहेजा गया है, और Returns Desk फिर शुरू होने पर खुले हैंडओवर वहीं से आगे चलते हैं।</translation>
    </message>
    <message>
        <source>Stay  (Enter / Esc)</source>
        <translation>रुकें  (Enter / Esc)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>बंद करें (&amp;Q)</translation>
    </message>
    <message>
        <source>Marketplace checked %1</source>
        <translation>%1 पर मार्केटप्लेस देखा</translation>
    </message>
    <message>
        <source>the selected FE</source>
        <translation>चुना गया FE</translation>
    </message>
    <message numerus="yes">
        <source>Read while another window was open. Close it, then F3: record %n held scan(s) for %1 · Esc: drop</source>
        <translation>
            <numerusform>दूसरी विंडो खुली होने पर पढ़ा गया। उसे बंद करें, फिर F3: %1 के लिए %n रोका गया स्कैन दर्ज करें · Esc: हटाएँ</numerusform>
            <numerusform>दूसरी विंडो खुली होने पर पढ़ा गया। उसे बंद करें, फिर F3: %1 के लिए %n रोके गए स्कैन दर्ज करें · Esc: हटाएँ</numerusform>
        </translation>
    </message>
    <message>
        <source>HELD — NOT RECORDED</source>
        <translation>रोका गया — दर्ज नहीं हुआ</translation>
    </message>
    <message>
        <source>Held scans dropped: nothing was recorded.</source>
        <translation>रोके गए स्कैन हटाए गए: कुछ दर्ज नहीं हुआ।</translation>
    </message>
    <message>
        <source>Enter the admin PIN to open the scanner test.</source>
        <translation>स्कैनर टेस्ट खोलने के लिए एडमिन PIN डालें।</translation>
    </message>
    <message>
        <source>Site: working alone since %1</source>
        <translation>साइट: %1 से अकेले काम कर रहा है</translation>
    </message>
    <message numerus="yes">
        <source>Site: %n other terminal(s)</source>
        <translation>
            <numerusform>साइट: %n और टर्मिनल</numerusform>
            <numerusform>साइट: %n और टर्मिनल</numerusform>
        </translation>
    </message>
    <message>
        <source>Site: connecting…</source>
        <translation>साइट: जुड़ रहा है…</translation>
    </message>
    <message>
        <source>Demo barcode sheet written to %1</source>
        <translation>डेमो बारकोड शीट यहाँ बनी: %1</translation>
    </message>
</context>
<context>
    <name>MarketplaceForm</name>
    <message>
        <source>API base URL</source>
        <translation>API बेस URL</translation>
    </message>
    <message>
        <source>(derived from the base URL)</source>
        <translation>(बेस URL से लिया गया)</translation>
    </message>
    <message>
        <source>Token URL override</source>
        <translation>टोकन URL (बदलना हो तो)</translation>
    </message>
    <message>
        <source>Seller location id</source>
        <translation>सेलर लोकेशन आईडी</translation>
    </message>
    <message>
        <source>Client id</source>
        <translation>क्लाइंट आईडी</translation>
    </message>
    <message>
        <source>stored; leave empty to keep it</source>
        <translation>सेव है; वही रखने के लिए खाली छोड़ें</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>क्लाइंट सीक्रेट</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>कनेक्शन जाँचें</translation>
    </message>
    <message>
        <source>Enter an http:// or https:// address.</source>
        <translation>http:// या https:// वाला पता डालें।</translation>
    </message>
    <message>
        <source>Enter an http:// or https:// address, or nothing.</source>
        <translation>http:// या https:// वाला पता डालें, या खाली छोड़ें।</translation>
    </message>
    <message>
        <source>Use https:// (http:// only for the sandbox on this computer).</source>
        <translation>https:// इस्तेमाल करें (http:// केवल इसी कंप्यूटर के सैंडबॉक्स के लिए)।</translation>
    </message>
    <message>
        <source>Use https:// on the API&apos;s own host. A token URL on another host is set by the IT admin in the admin file (returns-desk-cli admin-pin --admin-token-url).</source>
        <translation>API के अपने होस्ट पर https:// इस्तेमाल करें। दूसरे होस्ट का टोकन URL IT एडमिन, एडमिन फ़ाइल में सेट करता है (returns-desk-cli admin-pin --admin-token-url)।</translation>
    </message>
    <message>
        <source>Enter the seller location id of this dock.</source>
        <translation>इस डॉक की सेलर लोकेशन आईडी डालें।</translation>
    </message>
    <message>
        <source>Enter the client id that goes with the secret.</source>
        <translation>सीक्रेट के साथ वाली क्लाइंट आईडी डालें।</translation>
    </message>
    <message>
        <source>Enter the client secret.</source>
        <translation>क्लाइंट सीक्रेट डालें।</translation>
    </message>
    <message>
        <source>Enter the client id and secret.</source>
        <translation>क्लाइंट आईडी और सीक्रेट डालें।</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>कनेक्शन जाँच रहे हैं…</translation>
    </message>
    <message>
        <source>FAILED: the test stopped on an error; the details are in the log.</source>
        <translation>नाकाम: जाँच एक गलती पर रुक गई; पूरी जानकारी लॉग में है।</translation>
    </message>
    <message>
        <source>FAILED: %s</source>
        <translation>नाकाम: %s</translation>
    </message>
</context>
<context>
    <name>NetworkForm</name>
    <message>
        <source> s</source>
        <translation> सेकंड</translation>
    </message>
    <message>
        <source>Poll every</source>
        <translation>हर इतनी देर में देखें</translation>
    </message>
    <message>
        <source> parcels</source>
        <translation> पार्सल</translation>
    </message>
    <message>
        <source>Page size</source>
        <translation>पेज साइज़</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>कनेक्ट टाइमआउट</translation>
    </message>
    <message>
        <source>Read timeout</source>
        <translation>रीड टाइमआउट</translation>
    </message>
    <message>
        <source>(the system&apos;s certificates)</source>
        <translation>(सिस्टम के सर्टिफ़िकेट)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>चुनें…</translation>
    </message>
    <message>
        <source>Corporate CA bundle</source>
        <translation>कंपनी का CA बंडल</translation>
    </message>
    <message>
        <source>(from the environment)</source>
        <translation>(एनवायरनमेंट से)</translation>
    </message>
    <message>
        <source>Proxy URL</source>
        <translation>प्रॉक्सी URL</translation>
    </message>
    <message>
        <source>No such file.</source>
        <translation>ऐसी कोई फ़ाइल नहीं।</translation>
    </message>
    <message>
        <source>Enter the proxy as http://host:port.</source>
        <translation>प्रॉक्सी http://host:port की तरह डालें।</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>सर्टिफ़िकेट (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>सभी फ़ाइलें (*)</translation>
    </message>
</context>
<context>
    <name>NewPinForm</name>
    <message>
        <source>A PIN is set.</source>
        <translation>पिन सेट है।</translation>
    </message>
    <message>
        <source>No PIN is set yet.</source>
        <translation>अभी कोई पिन सेट नहीं है।</translation>
    </message>
    <message>
        <source>Leave both fields empty to keep it as it is.</source>
        <translation>जैसा है वैसा रखने के लिए दोनों खाने खाली छोड़ें।</translation>
    </message>
    <message>
        <source>New admin PIN</source>
        <translation>नया एडमिन पिन</translation>
    </message>
    <message>
        <source>Repeat the PIN</source>
        <translation>पिन फिर से डालें</translation>
    </message>
    <message numerus="yes">
        <source>%n digits or more</source>
        <translation>
            <numerusform>%n अंक या ज़्यादा</numerusform>
            <numerusform>%n अंक या ज़्यादा</numerusform>
        </translation>
    </message>
    <message>
        <source>Set a PIN: it keeps clerks out of the settings.</source>
        <translation>पिन सेट करें: इससे क्लर्क सेटिंग्स नहीं खोल पाते।</translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n digits.</source>
        <translation>
            <numerusform>कम से कम %n अंक डालें।</numerusform>
            <numerusform>कम से कम %n अंक डालें।</numerusform>
        </translation>
    </message>
    <message>
        <source>The two PINs are not the same.</source>
        <translation>दोनों पिन एक जैसे नहीं हैं।</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>Destination</source>
        <extracomment>the states a person must act on stand out (their words say it too: colour is never alone) the view scrolled to the end and there are more entries: read the next page</extracomment>
        <translation>कहाँ भेजना है</translation>
    </message>
    <message>
        <source>Tracking id</source>
        <translation>ट्रैकिंग आईडी</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>स्थिति</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>कोशिशें</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>अगली कोशिश</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>आखिरी गलती</translation>
    </message>
    <message>
        <source>sent %1</source>
        <translation>%1 को भेजा</translation>
    </message>
</context>
<context>
    <name>ParcelTableModel</name>
    <message>
        <source>Tracking id</source>
        <extracomment>what the status filter matches: the status, &quot;+noted&quot; after it for a parcel marked not good or with a remark (so &quot;discrepancies and noted&quot; is one C++ regex) Status filters offered to the clerk: name -&gt; statuses shown (empty: all).</extracomment>
        <translation>ट्रैकिंग आईडी</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>स्थिति</translation>
    </message>
    <message>
        <source>FE scan</source>
        <translation>FE स्कैन</translation>
    </message>
    <message>
        <source>When the FE&apos;s scan reached this desk (synced from the marketplace)</source>
        <translation>FE का स्कैन इस डेस्क पर कब पहुँचा (मार्केटप्लेस से सिंक)</translation>
    </message>
    <message>
        <source>When the parcel was scanned at this dock</source>
        <translation>पार्सल इस डॉक पर कब स्कैन हुआ</translation>
    </message>
    <message>
        <source>Condition and remark noted at the dock (Ctrl+1 … Ctrl+5, F7)</source>
        <translation>डॉक पर नोट की गई हालत और टिप्पणी (Ctrl+1 … Ctrl+5, F7)</translation>
    </message>
    <message>
        <source>Dock scan</source>
        <translation>डॉक स्कैन</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>हालत</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Admin PIN</source>
        <translation>एडमिन पिन</translation>
    </message>
    <message>
        <source>Enter the admin PIN to open the settings.</source>
        <translation>सेटिंग्स खोलने के लिए एडमिन पिन डालें।</translation>
    </message>
    <message>
        <source>⌫ Delete</source>
        <translation>⌫ मिटाएँ</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n tries left.</source>
        <translation>
            <numerusform>गलत पिन। %n कोशिश बाकी।</numerusform>
            <numerusform>गलत पिन। %n कोशिशें बाकी।</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrong PIN. One try left.</source>
        <translation>गलत पिन। एक कोशिश बाकी।</translation>
    </message>
    <message numerus="yes">
        <source>%n seconds</source>
        <translation>
            <numerusform>%n सेकंड</numerusform>
            <numerusform>%n सेकंड</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minutes</source>
        <translation>
            <numerusform>%n मिनट</numerusform>
            <numerusform>%n मिनट</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN %n times. The settings stay locked for %1; ask the IT admin.</source>
        <translation>
            <numerusform>%n बार गलत PIN। सेटिंग्स %1 के लिए बंद हैं; IT एडमिन से पूछें।</numerusform>
            <numerusform>%n बार गलत PIN। सेटिंग्स %1 के लिए बंद हैं; IT एडमिन से पूछें।</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation>बंद करें</translation>
    </message>
</context>
<context>
    <name>PrintingForm</name>
    <message>
        <source>System default</source>
        <translation>सिस्टम का डिफ़ॉल्ट</translation>
    </message>
    <message>
        <source>%s (not installed)</source>
        <translation>%s (इंस्टॉल नहीं)</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>प्रिंटर</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>कागज़</translation>
    </message>
    <message>
        <source>(custom size)</source>
        <translation>(अपना साइज़)</translation>
    </message>
    <message>
        <source>Send raw ESC/POS (thermal printers on Windows)</source>
        <translation>सीधे ESC/POS भेजें (Windows पर थर्मल प्रिंटर)</translation>
    </message>
    <message>
        <source>Driver paper form</source>
        <translation>ड्राइवर का पेपर फ़ॉर्म</translation>
    </message>
    <message>
        <source>(no PDF copies)</source>
        <translation>(PDF कॉपी नहीं)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>चुनें…</translation>
    </message>
    <message>
        <source>PDF folder</source>
        <translation>PDF फ़ोल्डर</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>टेस्ट प्रिंट</translation>
    </message>
    <message>
        <source>Enter a full folder path, such as D:\Slips.</source>
        <translation>पूरा फ़ोल्डर पाथ डालें, जैसे D:\Slips।</translation>
    </message>
    <message>
        <source>Printing the test slips…</source>
        <translation>टेस्ट पर्चियाँ प्रिंट हो रही हैं…</translation>
    </message>
    <message>
        <source>The test print stopped on an error; the details are in the log.</source>
        <translation>टेस्ट प्रिंट एक गलती पर रुक गया; पूरी जानकारी लॉग में है।</translation>
    </message>
    <message>
        <source>Sent to &quot;%s&quot;.</source>
        <translation>&quot;%s&quot; को भेजा।</translation>
    </message>
    <message>
        <source>PDF saved in %s.</source>
        <translation>PDF %s में सेव हुई।</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>ठीक है</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>बंद करें</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>लागू करें</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>सेव करें</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>हाँ (&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>नहीं (&amp;N)</translation>
    </message>
</context>
<context>
    <name>QWizard</name>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; पीछे (&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>आगे (&amp;N) &gt;</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>पूरा करें (&amp;F)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source> days</source>
        <translation> दिन</translation>
    </message>
    <message>
        <source>Keep handovers for</source>
        <translation>हैंडओवर कितने दिन रखें</translation>
    </message>
    <message>
        <source>After this, a closed handover&apos;s shipments keep only their tracking id</source>
        <translation>इसके बाद, बंद हैंडओवर के शिपमेंट में सिर्फ़ ट्रैकिंग आईडी रहती है</translation>
    </message>
    <message>
        <source>Keep shipment details for</source>
        <translation>शिपमेंट की पूरी जानकारी कितने दिन रखें</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Backups may use up to</source>
        <translation>बैकअप ज़्यादा से ज़्यादा इतनी जगह लें</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>डेटा फ़ोल्डर</translation>
    </message>
    <message>
        <source>Disk</source>
        <translation>डिस्क</translation>
    </message>
    <message>
        <source>The disk is nearly full: free some space or lower the backup budget, or the record will stop taking scans.</source>
        <translation>डिस्क लगभग भर गई है: कुछ जगह खाली करें या बैकअप की सीमा घटाएँ, वरना रिकॉर्ड में स्कैन नहीं लिखे जाएँगे।</translation>
    </message>
</context>
<context>
    <name>ScannerForm</name>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source> s</source>
        <translation> सेकंड</translation>
    </message>
    <message>
        <source> characters</source>
        <translation> अक्षर</translation>
    </message>
    <message>
        <source>Shortest scan</source>
        <translation>सबसे छोटा स्कैन</translation>
    </message>
    <message>
        <source>Mean gap between keys</source>
        <translation>कुंजियों के बीच औसत अंतर</translation>
    </message>
    <message>
        <source>Longest gap between keys</source>
        <translation>कुंजियों के बीच सबसे लंबा अंतर</translation>
    </message>
    <message>
        <source>Ignore a repeat within</source>
        <translation>इतनी देर में दोबारा आए तो छोड़ें</translation>
    </message>
    <message>
        <source>comma-separated, e.g. ]C1, *</source>
        <translation>कॉमा से अलग, जैसे ]C1, *</translation>
    </message>
    <message>
        <source>Scanner prefixes</source>
        <translation>स्कैनर प्रीफ़िक्स</translation>
    </message>
    <message>
        <source>Scanner suffixes</source>
        <translation>स्कैनर सफ़िक्स</translation>
    </message>
    <message>
        <source>Tracking id pattern</source>
        <translation>ट्रैकिंग आईडी का पैटर्न</translation>
    </message>
    <message>
        <source>A scanner set to serial (COM port) mode: choose its port, or type it (e.g. /dev/serial/by-id/…). None: the scanner types like a keyboard. Applies after a restart.</source>
        <translation>सीरियल (COM पोर्ट) मोड वाला स्कैनर: उसका पोर्ट चुनें या टाइप करें (जैसे /dev/serial/by-id/…)। कोई नहीं: स्कैनर कीबोर्ड की तरह टाइप करता है। ऐप फिर से चालू करने पर लागू होगा।</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>रीफ़्रेश</translation>
    </message>
    <message>
        <source>Serial (COM) port</source>
        <translation>सीरियल (COM) पोर्ट</translation>
    </message>
    <message>
        <source>Baud rate</source>
        <translation>बॉड रेट</translation>
    </message>
    <message>
        <source>None (keyboard scanner)</source>
        <translation>कोई नहीं (कीबोर्ड स्कैनर)</translation>
    </message>
    <message>
        <source>%1 (not found now)</source>
        <translation>%1 (अभी नहीं मिला)</translation>
    </message>
    <message>
        <source> (USB %1)</source>
        <translation> (USB %1)</translation>
    </message>
</context>
<context>
    <name>ScannerTestScreen</name>
    <message>
        <source>Scanner test</source>
        <translation>स्कैनर टेस्ट</translation>
    </message>
    <message>
        <source>A scan is at least %1 characters ending in Enter or Tab, with a mean gap between keys under %2 ms and no gap over %3 ms. The same label again within %4 s is a double read and is ignored. Nothing scanned here is recorded.</source>
        <translation>स्कैन कम से कम %1 अक्षर का होता है और Enter या Tab पर खत्म होता है; कुंजियों के बीच औसत अंतर %2 ms से कम और कोई भी अंतर %3 ms से ज़्यादा नहीं। वही लेबल %4 सेकंड के अंदर दोबारा आए तो वह दो बार पढ़ना है और छोड़ दिया जाता है। यहाँ स्कैन किया कुछ भी दर्ज नहीं होता।</translation>
    </message>
    <message>
        <source>SCAN A LABEL</source>
        <translation>कोई लेबल स्कैन करें</translation>
    </message>
    <message>
        <source>Any barcode: a tracking id, a test label.</source>
        <translation>कोई भी बारकोड: ट्रैकिंग आईडी, टेस्ट लेबल।</translation>
    </message>
    <message>
        <source>Serial scanner: the label arrives in one piece, so per-key timing does not apply. It counts as a scan when it has at least %1 characters and ends in CR or LF.</source>
        <translation>सीरियल स्कैनर: लेबल एक साथ आता है, इसलिए हर कुंजी का समय नहीं देखा जाता। कम से कम %1 अक्षर हों और CR या LF पर खत्म हो, तो स्कैन गिना जाता है।</translation>
    </message>
    <message>
        <source>SCAN</source>
        <translation>स्कैन</translation>
    </message>
    <message>
        <source>DOUBLE READ</source>
        <translation>दो बार पढ़ा</translation>
    </message>
    <message>
        <source>TOO SHORT</source>
        <translation>बहुत छोटा</translation>
    </message>
    <message>
        <source>TOO SLOW</source>
        <translation>बहुत धीमा</translation>
    </message>
    <message>
        <source>GAP TOO LONG</source>
        <translation>अंतर बहुत लंबा</translation>
    </message>
    <message>
        <source>NO ENTER/TAB</source>
        <translation>Enter/Tab नहीं</translation>
    </message>
    <message>
        <source>%1 keys · mean gap %2 ms · longest %3 ms · ended by %4</source>
        <translation>%1 कुंजियाँ · औसत अंतर %2 ms · सबसे लंबा %3 ms · अंत में %4</translation>
    </message>
    <message>
        <source>a pause or another key</source>
        <translation>रुकावट या कोई और कुंजी</translation>
    </message>
    <message>
        <source> · read as %1</source>
        <translation> · पढ़ा गया: %1</translation>
    </message>
    <message>
        <source>NO CR/LF</source>
        <translation>CR/LF नहीं</translation>
    </message>
    <message>
        <source>serial scanner on %1 · %2 characters · ended by %3</source>
        <translation>%1 पर सीरियल स्कैनर · %2 अक्षर · अंत में %3</translation>
    </message>
    <message>
        <source>a pause (no CR/LF)</source>
        <translation>रुकावट (CR/LF नहीं)</translation>
    </message>
</context>
<context>
    <name>ScanningScreen</name>
    <message>
        <source>Remark for the selected parcel (F7), then Enter</source>
        <translation>चुने गए पार्सल के लिए टिप्पणी (F7), फिर Enter</translation>
    </message>
    <message>
        <source>Ctrl +</source>
        <translation>Ctrl +</translation>
    </message>
    <message>
        <source>The selected parcel&apos;s condition: Ctrl+1 … Ctrl+5</source>
        <translation>चुने गए पार्सल की हालत: Ctrl+1 … Ctrl+5</translation>
    </message>
    <message>
        <source>FE scanned</source>
        <extracomment>the tracking id column is this many characters wide (an order id scanned by mistake, OD22567472313060400, has 19); a longer code is cut in the middle, its tool tip whole</extracomment>
        <translation>FE ने स्कैन किए</translation>
    </message>
    <message>
        <source>Dock scanned</source>
        <translation>डॉक पर स्कैन</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>मिलान हुआ</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>बाकी</translation>
    </message>
    <message>
        <source>Not in FE list</source>
        <translation>FE सूची में नहीं</translation>
    </message>
    <message>
        <source>All parcels</source>
        <translation>सभी पार्सल</translation>
    </message>
    <message>
        <source>Waiting for dock scan</source>
        <translation>डॉक स्कैन बाकी</translation>
    </message>
    <message>
        <source>Not in FE&apos;s list</source>
        <translation>FE की सूची में नहीं</translation>
    </message>
    <message>
        <source>Wrong labels</source>
        <translation>गलत लेबल</translation>
    </message>
    <message>
        <source>Find a parcel (Ctrl+F)</source>
        <translation>पार्सल खोजें (Ctrl+F)</translation>
    </message>
    <message>
        <source>Shows the parcels whose tracking id has this in it</source>
        <translation>वे पार्सल दिखाता है जिनकी ट्रैकिंग आईडी में यह है</translation>
    </message>
    <message>
        <source>Remark (F7), then Enter</source>
        <translation>टिप्पणी (F7), फिर Enter</translation>
    </message>
    <message>
        <source>Label won&apos;t scan? Type it (F4)</source>
        <translation>लेबल स्कैन नहीं? टाइप करें (F4)</translation>
    </message>
    <message>
        <source>Label will not scan? Type the tracking id, then Enter</source>
        <translation>लेबल स्कैन नहीं हो रहा? ट्रैकिंग आईडी टाइप करें, फिर Enter</translation>
    </message>
    <message>
        <source>READY</source>
        <translation>तैयार</translation>
    </message>
    <message>
        <source>Scan a parcel&apos;s tracking barcode.</source>
        <translation>पार्सल का ट्रैकिंग बारकोड स्कैन करें।</translation>
    </message>
    <message>
        <source>Last sync %1</source>
        <translation>आखिरी सिंक %1</translation>
    </message>
    <message>
        <source> · next in %1 s</source>
        <translation> · अगला %1 सेकंड में</translation>
    </message>
    <message>
        <source> · syncing now</source>
        <translation> · अभी सिंक हो रहा है</translation>
    </message>
    <message>
        <source> · offline, scans are saved here</source>
        <translation> · ऑफ़लाइन, स्कैन यहीं सेव हो रहे हैं</translation>
    </message>
</context>
<context>
    <name>SerialInput</name>
    <message>
        <source>Scanner on %1 connected</source>
        <translation>%1 पर स्कैनर जुड़ा है</translation>
    </message>
    <message>
        <source>Scanner on %1 disconnected — plug it back in; scans resume by themselves</source>
        <translation>%1 पर स्कैनर निकल गया — फिर से लगाएँ; स्कैन अपने आप चालू हो जाएगा</translation>
    </message>
    <message>
        <source>No scanner on %1 — plug it in (scans start by themselves) or choose its port in Settings, Scanner</source>
        <translation>%1 पर कोई स्कैनर नहीं — लगाएँ (स्कैन अपने आप शुरू होगा) या सेटिंग्स, स्कैनर में उसका पोर्ट चुनें</translation>
    </message>
    <message>
        <source>Scanner port %1 is in use by another program or not allowed — close that program or call IT</source>
        <translation>स्कैनर पोर्ट %1 कोई और प्रोग्राम चला रहा है या इजाज़त नहीं है — वह प्रोग्राम बंद करें या IT को बुलाएँ</translation>
    </message>
    <message>
        <source>Scanner port %1 cannot be opened (%2) — check the port and the baud rate in Settings, Scanner</source>
        <translation>स्कैनर पोर्ट %1 नहीं खुल रहा (%2) — सेटिंग्स, स्कैनर में पोर्ट और बॉड रेट जाँचें</translation>
    </message>
    <message>
        <source>Serial scanner on %1 off</source>
        <translation>%1 पर सीरियल स्कैनर बंद</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Returns Desk settings</source>
        <translation>Returns Desk सेटिंग्स</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>मार्केटप्लेस</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>टर्मिनल</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>प्रिंटिंग</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>स्कैनर</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>कैमरा</translation>
    </message>
    <message>
        <source>Polling &amp;&amp; network</source>
        <translation>पोलिंग &amp;&amp; नेटवर्क</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>रिकॉर्ड</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>साइट</translation>
    </message>
    <message>
        <source>Admin PIN</source>
        <translation>एडमिन पिन</translation>
    </message>
</context>
<context>
    <name>SiteBoard</name>
    <message>
        <source>Site board</source>
        <translation>साइट बोर्ड</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>बंद करें (Esc)</translation>
    </message>
    <message>
        <source>Terminals</source>
        <translation>टर्मिनल</translation>
    </message>
    <message>
        <source>Handovers today</source>
        <translation>आज के हैंडओवर</translation>
    </message>
    <message>
        <source>Reading the site database…</source>
        <translation>साइट डेटाबेस पढ़ा जा रहा है…</translation>
    </message>
    <message>
        <source>Read from the site database at %1. It refreshes by itself.</source>
        <translation>साइट डेटाबेस से %1 पर पढ़ा गया। यह अपने आप रीफ़्रेश होता है।</translation>
    </message>
    <message>
        <source>%1 The rows shown are from %2.</source>
        <translation>%1 दिखाई गई पंक्तियाँ %2 की हैं।</translation>
    </message>
</context>
<context>
    <name>SiteForm</name>
    <message>
        <source>Several dock terminals of one site can share a PostgreSQL database: each FE&apos;s shipments are polled by one terminal at a time and every terminal sees the site&apos;s handovers. Changes here take effect at the next start of Returns Desk.</source>
        <translation>एक साइट के कई डॉक टर्मिनल एक PostgreSQL डेटाबेस साझा कर सकते हैं: हर FE के शिपमेंट एक समय में एक ही टर्मिनल जाँचता है और हर टर्मिनल साइट के सारे हैंडओवर देखता है। यहाँ के बदलाव Returns Desk के अगली बार शुरू होने पर लागू होते हैं।</translation>
    </message>
    <message>
        <source>Work with the other terminals of this site</source>
        <translation>इस साइट के दूसरे टर्मिनलों के साथ काम करें</translation>
    </message>
    <message>
        <source>Database URL</source>
        <translation>डेटाबेस URL</translation>
    </message>
    <message>
        <source>empty: keep the password stored on this computer, if any</source>
        <translation>खाली: इस कंप्यूटर पर सेव पासवर्ड ही रहेगा, अगर है</translation>
    </message>
    <message>
        <source>Database password</source>
        <translation>डेटाबेस पासवर्ड</translation>
    </message>
    <message>
        <source>Check connection</source>
        <translation>कनेक्शन जाँचें</translation>
    </message>
    <message>
        <source>Advanced: leave these as they are unless IT support asks.</source>
        <translation>उन्नत: जब तक IT सपोर्ट न कहे, इन्हें जैसा है वैसा ही छोड़ें।</translation>
    </message>
    <message>
        <source> s</source>
        <translation> सेकंड</translation>
    </message>
    <message>
        <source>Hand an FE on after</source>
        <translation>FE किसी और टर्मिनल को इतने बाद सौंपें</translation>
    </message>
    <message>
        <source>Catch up every</source>
        <translation>हर इतने समय में मिलान करें</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>कनेक्ट टाइमआउट</translation>
    </message>
    <message>
        <source>Enter the address of the site database.</source>
        <translation>साइट डेटाबेस का पता डालें।</translation>
    </message>
    <message>
        <source>Enter the address of the database the password belongs to.</source>
        <translation>उस डेटाबेस का पता डालें जिसका यह पासवर्ड है।</translation>
    </message>
    <message>
        <source>Checking the connection…</source>
        <translation>कनेक्शन जाँच रहे हैं…</translation>
    </message>
    <message>
        <source>FAILED: the check stopped on an error; the details are in the log.</source>
        <translation>नाकाम: जाँच एक गलती पर रुक गई; पूरी जानकारी लॉग में है।</translation>
    </message>
    <message>
        <source>FAILED: %s</source>
        <translation>नाकाम: %s</translation>
    </message>
</context>
<context>
    <name>SkipDialog</name>
    <message>
        <source>Skip hand-on</source>
        <translation>आगे भेजना छोड़ें</translation>
    </message>
    <message>
        <source>%1 entries will not be sent. Why? (for example: entered in the seller&apos;s system by hand)</source>
        <translation>%1 एंट्री नहीं भेजी जाएँगी। क्यों? (जैसे: सेलर के सिस्टम में हाथ से डाली गईं)</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>छोड़ें</translation>
    </message>
</context>
<context>
    <name>SlipPreviewDialog</name>
    <message>
        <source>Print preview</source>
        <extracomment>Widest page shown at one screen pixel per printer dot; wider pages (A4) are scaled down.</extracomment>
        <translation>प्रिंट से पहले देखें</translation>
    </message>
    <message>
        <source>Preparing the slip…</source>
        <translation>पर्ची तैयार हो रही है…</translation>
    </message>
    <message>
        <source>REPRINT: marked as such on the slip</source>
        <translation>दोबारा प्रिंट: पर्ची पर यही लिखा होगा</translation>
    </message>
    <message>
        <source>Print  (Enter / F9)</source>
        <translation>प्रिंट  (Enter / F9)</translation>
    </message>
    <message>
        <source>Save as PDF…  (Ctrl+S)</source>
        <translation>PDF के रूप में सेव करें…  (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close  (Esc)</source>
        <translation>बंद करें  (Esc)</translation>
    </message>
    <message>
        <source>Handover receipt</source>
        <translation>हैंडओवर रसीद</translation>
    </message>
    <message>
        <source>Start OTC slip</source>
        <translation>स्टार्ट OTC पर्ची</translation>
    </message>
    <message numerus="yes">
        <source>%1 · task %2 · %3 · %n page(s)</source>
        <translation>
            <numerusform>%1 · टास्क %2 · %3 · %n पेज</numerusform>
            <numerusform>%1 · टास्क %2 · %3 · %n पेज</numerusform>
        </translation>
    </message>
    <message>
        <source>The slip could not be shown.</source>
        <translation>पर्ची दिखाई नहीं जा सकी।</translation>
    </message>
    <message>
        <source>Saved as PDF: %1</source>
        <translation>PDF सेव हुई: %1</translation>
    </message>
    <message>
        <source>Internal error, logged for IT support.</source>
        <translation>अंदरूनी गलती, IT सपोर्ट के लिए लॉग में लिखी गई।</translation>
    </message>
    <message>
        <source>Save the slip as PDF</source>
        <translation>पर्ची PDF के रूप में सेव करें</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF फ़ाइलें (*.pdf)</translation>
    </message>
</context>
<context>
    <name>SlipPrinting</name>
    <message>
        <source>Print the Start OTC slip or the handover receipt (F9)</source>
        <translation>स्टार्ट OTC पर्ची या हैंडओवर रसीद प्रिंट करें (F9)</translation>
    </message>
    <message>
        <source>Show the slip as it will print (Shift+F9)</source>
        <translation>पर्ची जैसी छपेगी वैसी दिखाएँ (Shift+F9)</translation>
    </message>
    <message>
        <source>Earlier handovers: preview or reprint their slips (Ctrl+H)</source>
        <translation>पहले के हैंडओवर: उनकी पर्चियाँ देखें या दोबारा प्रिंट करें (Ctrl+H)</translation>
    </message>
    <message>
        <source> (as a picture: the printer&apos;s own letters have no Hindi)</source>
        <translation> (चित्र के रूप में: प्रिंटर के अपने अक्षरों में हिन्दी नहीं है)</translation>
    </message>
    <message>
        <source>Nothing to print for this handover yet.</source>
        <translation>इस हैंडओवर के लिए अभी प्रिंट करने को कुछ नहीं।</translation>
    </message>
</context>
<context>
    <name>Slips</name>
    <message>
        <source>START OTC SLIP</source>
        <translation>स्टार्ट OTC पर्ची</translation>
    </message>
    <message>
        <source>HANDOVER RECEIPT</source>
        <translation>हैंडओवर रसीद</translation>
    </message>
    <message>
        <source>Field executive</source>
        <translation>फ़ील्ड एग्ज़ीक्यूटिव</translation>
    </message>
    <message>
        <source>FE id</source>
        <translation>FE आईडी</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>पार्टनर</translation>
    </message>
    <message>
        <source>LOB</source>
        <translation>LOB</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>टास्क</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>सेशन</translation>
    </message>
    <message>
        <source>Start OTC</source>
        <translation>स्टार्ट OTC</translation>
    </message>
    <message>
        <source>End OTC</source>
        <translation>एंड OTC</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>बनाया गया</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>खत्म होगा</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>शुरू हुआ</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>खत्म हुआ</translation>
    </message>
    <message>
        <source>Marketplace count (End OTC)</source>
        <translation>मार्केटप्लेस की गिनती (एंड OTC)</translation>
    </message>
    <message>
        <source>Scanned by FE</source>
        <translation>FE ने स्कैन किए</translation>
    </message>
    <message>
        <source>OBD eligible</source>
        <translation>OBD योग्य</translation>
    </message>
    <message>
        <source>OBD failed</source>
        <translation>OBD नाकाम</translation>
    </message>
    <message>
        <source>Flyer eligible</source>
        <translation>फ़्लायर योग्य</translation>
    </message>
    <message>
        <source>Flyer failed</source>
        <translation>फ़्लायर नाकाम</translation>
    </message>
    <message>
        <source>Dock count</source>
        <translation>डॉक की गिनती</translation>
    </message>
    <message>
        <source>Scanned at dock</source>
        <translation>डॉक पर स्कैन हुए</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>मिलान हुआ</translation>
    </message>
    <message>
        <source>Missing at dock</source>
        <translation>डॉक पर गायब</translation>
    </message>
    <message>
        <source>Unexpected at dock</source>
        <translation>डॉक पर अनपेक्षित</translation>
    </message>
    <message>
        <source>Missing at dock ({count})</source>
        <translation>डॉक पर गायब ({count})</translation>
    </message>
    <message>
        <source>Unexpected at dock ({count})</source>
        <translation>डॉक पर अनपेक्षित ({count})</translation>
    </message>
    <message>
        <source>None</source>
        <translation>कोई नहीं</translation>
    </message>
    <message>
        <source>Clerk signature</source>
        <translation>क्लर्क के हस्ताक्षर</translation>
    </message>
    <message>
        <source>Field executive signature</source>
        <translation>फ़ील्ड एग्ज़ीक्यूटिव के हस्ताक्षर</translation>
    </message>
    <message>
        <source>Scan to check this receipt against the record</source>
        <translation>रिकॉर्ड से मिलाने के लिए स्कैन करें</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>टर्मिनल</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>प्रिंट हुआ</translation>
    </message>
    <message>
        <source>REPRINT</source>
        <translation>दोबारा प्रिंट</translation>
    </message>
    <message>
        <source>printed {printed}, original printed {original}</source>
        <translation>{printed} को प्रिंट, असली {original} को प्रिंट हुई थी</translation>
    </message>
    <message>
        <source>Original printed</source>
        <translation>असली प्रिंट हुई</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>पता नहीं</translation>
    </message>
    <message>
        <source>Parcels noted at handover ({count})</source>
        <translation>हैंडओवर पर नोट किए गए पार्सल ({count})</translation>
    </message>
    <message>
        <source>Field executive signature, also for the parcels noted</source>
        <translation>फ़ील्ड एग्ज़ीक्यूटिव के हस्ताक्षर, नोट किए गए पार्सल के लिए भी</translation>
    </message>
</context>
<context>
    <name>StartOtcScreen</name>
    <message>
        <source>START OTC</source>
        <translation>स्टार्ट OTC</translation>
    </message>
    <message>
        <source>①  Tell the FE the code    →    ②  The FE types it in the app    →    ③  Scanning opens here by itself</source>
        <translation>①  FE को कोड बताएँ    →    ②  FE उसे ऐप में डालता है    →    ③  स्कैनिंग यहाँ अपने-आप खुलती है</translation>
    </message>
    <message>
        <source>Press F2 to generate the Start OTC, then tell it to the field executive.</source>
        <translation>स्टार्ट OTC बनाने के लिए F2 दबाएँ, फिर फ़ील्ड एग्ज़ीक्यूटिव को बताएँ।</translation>
    </message>
    <message>
        <source>This location has a fixed Start OTC (DynamicEnd): the field executive enters the location&apos;s code on his phone; there is nothing to generate here. Scanning opens here by itself. When he has finished, F8 gets the End OTC.</source>
        <translation>इस लोकेशन का Start OTC तय है (DynamicEnd): FE लोकेशन का कोड अपने फ़ोन में डालता है; यहाँ कुछ बनाना नहीं है। स्कैनिंग यहाँ अपने-आप खुलती है। जब वह पूरा कर ले, तो F8 से End OTC मिलता है।</translation>
    </message>
    <message>
        <source>This location has fixed OTCs (%1): the field executive enters the location&apos;s Start OTC on his phone; there is nothing to generate here. If he does not have it, ask the seller&apos;s admin for the location&apos;s return OTC. Scanning opens here by itself. When he has finished, press F8: the marketplace gives the End OTC or says why not.</source>
        <translation>इस लोकेशन के OTC तय हैं (%1): FE लोकेशन का Start OTC अपने फ़ोन में डालता है; यहाँ कुछ बनाना नहीं है। अगर उसके पास नहीं है, तो विक्रेता के एडमिन से लोकेशन का रिटर्न OTC पूछें। स्कैनिंग यहाँ अपने-आप खुलती है। जब वह पूरा कर ले, तो F8 दबाएँ: मार्केटप्लेस End OTC देता है या बताता है कि क्यों नहीं।</translation>
    </message>
    <message>
        <source>Expired at %1</source>
        <translation>%1 पर खत्म हो गया</translation>
    </message>
    <message>
        <source>Press F2 for a new code.</source>
        <translation>नए कोड के लिए F2 दबाएँ।</translation>
    </message>
    <message>
        <source>Valid for %1</source>
        <translation>बचा समय %1</translation>
    </message>
    <message>
        <source>Read it out to the field executive.</source>
        <translation>फ़ील्ड एग्ज़ीक्यूटिव को पढ़कर सुनाएँ।</translation>
    </message>
</context>
<context>
    <name>TerminalForm</name>
    <message>
        <source>Terminal id</source>
        <translation>टर्मिनल आईडी</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>ऑपरेटर का नाम</translation>
    </message>
    <message>
        <source>Language (screens and slips)</source>
        <translation>भाषा (स्क्रीन और पर्चियाँ)</translation>
    </message>
    <message>
        <source>Play sounds</source>
        <translation>आवाज़ें चलाएँ</translation>
    </message>
    <message>
        <source>Enter a name for this terminal, such as DOCK-1.</source>
        <translation>इस टर्मिनल का नाम डालें, जैसे DOCK-1।</translation>
    </message>
</context>
<context>
    <name>_BurstModel</name>
    <message>
        <source>Too short: noise (ignored)</source>
        <translation>बहुत छोटा: गड़बड़ सिग्नल (छोड़ दिया)</translation>
    </message>
    <message>
        <source>No CR/LF at the end (ignored)</source>
        <translation>अंत में CR/LF नहीं (छोड़ दिया)</translation>
    </message>
    <message>
        <source>n/a (serial)</source>
        <translation>लागू नहीं (सीरियल)</translation>
    </message>
</context>
<context>
    <name>_FinishPage</name>
    <message>
        <source>Ready</source>
        <translation>तैयार</translation>
    </message>
    <message>
        <source>Check the settings, then press Finish to save them.</source>
        <translation>सेटिंग्स जाँचें, फिर सेव करने के लिए &quot;पूरा करें&quot; दबाएँ।</translation>
    </message>
</context>
<context>
    <name>_MarketplacePage</name>
    <message>
        <source>Skip the test: the marketplace cannot be reached from here yet</source>
        <translation>जाँच छोड़ें: यहाँ से अभी मार्केटप्लेस तक नहीं पहुँच सकते</translation>
    </message>
</context>
</TS>
