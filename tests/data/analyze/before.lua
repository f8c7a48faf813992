-- The two-rule diff, before: at most 8 FTE.
policy { id = 't/ggz-2024', insurer = 'T', care = 'ggz', year = 2024, source = 'doc.txt' }
scope { section = '1', text = 't', kinds = { 'vrijgevestigde' } }
rule { 'max_fte', section = '3.1', text = 'ten hoogste 8 fte', require = at_most("fte_regiebehandelaren", 8) }
rule { 'agb', section = '3.1', text = 'persoonlijke AGB', require = is_true "personal_agb" }
offer(function() return contract { type = 'v', section = '4', from = date "2024-01-01", to = date "2024-12-31" } end)
