<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>stella::ui::BulkTestDialog</name>
    <message numerus="yes">
        <source>Test %n integration(s)</source>
        <translation>
            <numerusform>Test %n integration</numerusform>
            <numerusform>Test %n integrations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n passed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not tested</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cancelled</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to go</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stella::ui::GuardFindingModel</name>
    <message numerus="yes">
        <source>%n finding(s): %1 · %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stella::ui::GuardWindow</name>
    <message numerus="yes">
        <source>Baseline %1: %n accepted finding(s) hidden.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stella::ui::HealthChartView</name>
    <message numerus="yes">
        <source>%Ln checks</source>
        <translation>
            <numerusform>%Ln check</numerusform>
            <numerusform>%Ln checks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stella::ui::HealthPane</name>
    <message numerus="yes">
        <source>The newest %Ln checks, newest first (whatever the range above).</source>
        <translation>
            <numerusform>The newest check (whatever the range above).</numerusform>
            <numerusform>The newest %Ln checks, newest first (whatever the range above).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln checks</source>
        <translation>
            <numerusform>%Ln check</numerusform>
            <numerusform>%Ln checks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stella::ui::IntegrationDetailPane</name>
    <message numerus="yes">
        <source>The last %Ln checks, newest first.</source>
        <translation>
            <numerusform>The last check.</numerusform>
            <numerusform>The last %Ln checks, newest first.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stella::ui::MainWindow</name>
    <message numerus="yes">
        <source>Exported %Ln integrations to %1.</source>
        <translation>
            <numerusform>Exported %Ln integration to %1.</numerusform>
            <numerusform>Exported %Ln integrations to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %Ln integrations from %1.</source>
        <translation>
            <numerusform>Imported %Ln integration from %1.</numerusform>
            <numerusform>Imported %Ln integrations from %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln integrations</source>
        <translation>
            <numerusform>%Ln integration</numerusform>
            <numerusform>%Ln integrations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln integrations shown</source>
        <translation>
            <numerusform>%1 of %Ln integration shown</numerusform>
            <numerusform>%1 of %Ln integrations shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stella::ui::MonitorStatusLabel</name>
    <message numerus="yes">
        <source>%Ln results</source>
        <translation>
            <numerusform>%Ln result</numerusform>
            <numerusform>%Ln results</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stella::ui::OrganiseSelectionDialog</name>
    <message numerus="yes">
        <source>Move the %n selected integration(s) to this folder (empty for the top level):</source>
        <translation>
            <numerusform>Move the selected integration to this folder (empty for the top level):</numerusform>
            <numerusform>Move the %n selected integrations to this folder (empty for the top level):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add these tags, one per line, to the %n selected integration(s):</source>
        <translation>
            <numerusform>Add these tags, one per line, to the selected integration:</numerusform>
            <numerusform>Add these tags, one per line, to the %n selected integrations:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set the environment tier of the %n selected integration(s):</source>
        <translation>
            <numerusform>Set the environment tier of the selected integration:</numerusform>
            <numerusform>Set the environment tier of the %n selected integrations:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stella::ui::OutboxView</name>
    <message numerus="yes">
        <source>%n annotation(s) waiting.</source>
        <translation>
            <numerusform>%n annotation waiting.</numerusform>
            <numerusform>%n annotations waiting.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n annotation(s) to %1.</source>
        <translation>
            <numerusform>Exported %n annotation to %1.</numerusform>
            <numerusform>Exported %n annotations to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stella::ui::OverviewSidebar</name>
    <message numerus="yes">
        <source> · %n unhealthy</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n degraded</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stella::ui::ProblemsPanel</name>
    <message numerus="yes">
        <source>%n problems; the first %1 are listed, filter the list to see the rest.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problems</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stella::ui::RelativeTime</name>
    <message numerus="yes">
        <source>%Ln days ago</source>
        <translation>
            <numerusform>%Ln day ago</numerusform>
            <numerusform>%Ln days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>stella::ui::SummaryStrip</name>
    <message numerus="yes">
        <source>%n healthy</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n degraded</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unhealthy</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stale</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n never checked</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with insecure TLS</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
</TS>
