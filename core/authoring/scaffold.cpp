#include "core/authoring/scaffold.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <stdexcept>

namespace inkoop {
namespace {

std::string first_field_of(const Schema& schema, FieldType type, const char* fallback) {
    for (const Field& f : schema.fields())
        if (f.type == type && !f.required) return f.name;
    return fallback;
}

}  // namespace

NewPolicyId parse_new_policy_id(const std::string& id) {
    const auto slash = id.find('/');
    const auto dash = id.rfind('-');
    const auto bad = [&] {
        return std::runtime_error("'" + id +
                                  "' is not a new policy id: insurer/care-year, e.g. acme/ggz-2026 (lower-case letters, digits, - and _)");
    };
    if (slash == std::string::npos || slash == 0 || id.find('/', slash + 1) != std::string::npos || dash == std::string::npos ||
        dash < slash + 2 || id.size() != dash + 5 || id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_/") != std::string::npos ||
        id.find_first_not_of("0123456789", dash + 1) != std::string::npos || !std::islower(static_cast<unsigned char>(id[slash + 1])))
        throw bad();
    return {id.substr(0, slash), id.substr(slash + 1, dash - slash - 1), std::stoi(id.substr(dash + 1))};
}

Scaffold scaffold_policy(const std::string& id, const Schema& schema) {
    const NewPolicyId n = parse_new_policy_id(id);
    const Field* kind = schema.find("kind");
    const std::string first_kind = kind && !kind->values.empty() ? kind->values.front() : "vrijgevestigde";
    const std::string field = first_field_of(schema, FieldType::Bool, "established_in_nl");
    Scaffold s;
    s.policy = fmt::format(R"lua(-- {0} — zorginkoopbeleid {1} {2}.
-- Source: the document's file name goes in `source` below (`inkoop check` then verifies that every
-- cited section is one of its headings). One rule per requirement, in the document's order, each
-- with its section and the document's words; where the text is open, a param {{ ... }}.

policy {{
  id = "{3}",
  insurer = "{0}",
  care = "{1}",
  year = {2},
  title = "Zorginkoopbeleid {1} {2}",
  source = "REVIEW: the document's file name",
  language = "nl",
}}

scope {{ section = "1", text = "De soorten zorgaanbieders waarmee de zorgverzekeraar contracteert", kinds = {{ "{4}" }} }}

-- An example requirement: replace it by the document's first one.
rule {{ "voorbeeld", section = "1", text = "Voorbeeld: de zorgaanbieder voldoet aan {5}",
  require = is_true "{5}" }}

offer(function(p, params)
  return contract {{ type = "{1}", section = "1", from = date "{2}-01-01", to = date "{2}-12-31" }},
         tariff {{ basis = "fixed", section = "1", text = "Vast tarief" }}
end)
)lua",
                           n.insurer, n.care, n.year, id, first_kind, field);
    s.test = fmt::format(R"lua(-- Tests of policies/{0}.lua: both sides of every requirement.
use "{0}"

local provider = {{ agb = "12345678", kind = "{1}", {2} = true }}

test "1: a provider meeting the example requirement is offered the {3} contract" {{
  provider = provider, outcome = "offer", grounds = {{}},
  contract = {{ type = "{4}", from = "{3}-01-01", to = "{3}-12-31" }}, tariff = "fixed",
}}
test "1: a provider failing the example requirement is refused" {{
  provider = with(provider, {{ {2} = false }}), outcome = "refuse", grounds = {{ "voorbeeld" }}, sections = {{ "1" }},
}}
test "1: without the fact the decision is incomplete" {{
  provider = with(provider, {{ {2} = unknown }}), outcome = "incomplete", missing = {{ "{2}" }},
}}
)lua",
                         id, first_kind, field, n.year, n.care);
    return s;
}

Scaffold scaffold_next_year(const std::string& id, const Policy& from, const Schema& schema) {
    const NewPolicyId n = parse_new_policy_id(id);
    const Field* kind = schema.find("kind");
    std::string outside;
    if (kind)
        for (size_t k = 0; k < kind->values.size() && outside.empty(); ++k)
            if (std::find(from.scope.kinds.begin(), from.scope.kinds.end(), static_cast<int>(k)) == from.scope.kinds.end())
                outside = kind->values[k];
    Scaffold s;
    s.policy = fmt::format(R"lua(-- {0} — zorginkoopbeleid {1} {2}, written as {3} plus the changes of the {2} document.
-- Source: put the {2} document's file name in `source` (it still names the {4} document).
-- The changes go below `inherit`, in the document's order, each with the document's words:
--   rule {{ "code", section=, text=, <effect>=..., after = "code", change = "..." }}   a new requirement
--   replace_rule {{ "code", ..., change = "..." }}   remove_rule("code", "...")   move_rule("code", "section", "...")
-- `inkoop check --diff {3} {5}` lists them.
-- REVIEW: the offer function is inherited, so contracts keep the {4} dates until this file
-- declares its own offer(function(p, params) ... end); `inkoop check` warns while they differ.

policy {{
  id = "{5}",
  insurer = "{6}",
  care = "{1}",
  year = {2},
  title = "{7} ({2})",
  source = "{8}",
}}

inherit "{3}"
)lua",
                           from.info.insurer, n.care, n.year, from.info.id, from.info.year, id, from.info.insurer, from.info.title,
                           from.info.source);
    s.test = fmt::format(R"lua(-- Tests of policies/{0}.lua. The tests of {1} are a starting point: copy the cases
-- that still hold, with the {2} dates.
use "{0}"
)lua",
                         id, from.info.id, n.year);
    if (!outside.empty())
        s.test += fmt::format(R"lua(
test "a {0} is outside the scope" {{
  provider = {{ agb = "12345678", kind = "{0}" }}, outcome = "refuse", grounds = {{ "out_of_scope" }},
}}
)lua",
                              outside);
    return s;
}

}  // namespace inkoop
