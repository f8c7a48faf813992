-- Known answer: no practice can get an offer (3.1 demands a Kwaliteitsstatuut, 3.2 refuses one);
-- institutions can.
policy { id = 't/ggz-2024', insurer = 'T', care = 'ggz', year = 2024, source = 'doc.txt' }
scope { section = '1', text = 't', kinds = { 'vrijgevestigde', 'ggz_instelling' } }
rule { 'statuut', section = '3.1', text = 'heeft een kwaliteitsstatuut', applies = kind_is "vrijgevestigde",
       require = is_true "kwaliteitsstatuut" }
rule { 'geen_statuut', section = '3.2', text = 'praktijken met een kwaliteitsstatuut niet', applies = kind_is "vrijgevestigde",
       refuse_if = is_true "kwaliteitsstatuut" }
rule { 'vecozo', section = '3.3', text = 'declareert via VECOZO', require = is_true "declares_via_vecozo" }
offer(function() return contract { type = 'v', section = '4', from = date "2024-01-01", to = date "2024-12-31" } end)
