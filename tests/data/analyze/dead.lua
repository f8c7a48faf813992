-- Known answers for `inkoop analyze`: a rule that can never hold, a requirement that can never be
-- met when it applies, and a ground that never changes the outcome (max_10 only holds where max_8 does).
policy { id = 't/ggz-2024', insurer = 'T', care = 'ggz', year = 2024, source = 'doc.txt' }
scope { section = '1', text = 't', kinds = { 'vrijgevestigde' } }
rule { 'max_8', section = '1', text = 'ten hoogste 8 fte', require = at_most("fte_regiebehandelaren", 8) }
rule { 'max_10', section = '1', text = 'ten hoogste 10 fte', require = at_most("fte_regiebehandelaren", 10) }
rule { 'onmogelijk', section = '2', text = 'meer dan 8 en minder dan 4 locaties',
       refuse_if = all { above("locations", 8), below("locations", 4) } }
rule { 'nooit_voldaan', section = '3', text = 'kleine praktijk met veel locaties', applies = at_most("locations", 2),
       require = at_least("locations", 5) }
offer(function() return contract { type = 'v', section = '4', from = date "2024-01-01", to = date "2024-12-31" } end)
