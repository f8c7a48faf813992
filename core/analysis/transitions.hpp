// Outcome transitions between two policies, complete and exact: per provider kind, the partition
// of every possible provider by (outcome under A, outcome under B).
//
// A decision's outcome depends on three facts per policy: does some ground hold (refuse), else is
// some rule that can change the outcome unknown (incomplete), else does some review point hold
// (review), else offer. The rules of both policies that apply to a kind fall into groups that share
// no field; per group, every combination of its fields' classes is tabulated exactly to the six
// bits (ground, unknown, review under A and under B) it gives. The bits of a provider are the
// union over the groups, so the reachable (A, B) pairs follow from combining the groups' sets of
// bits, with no product of all fields. A pair's providers are described as regions: the group (or
// the groups) whose classes make the pair, with every other group as the pair requires. Each
// region's witness is decided by the real engine under both policies before it is reported.
// Rules with script checks are evaluated on the witnesses only: what depends on them is sampled.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/analyze.hpp"

namespace inkoop {

struct TransitionRegion {
    std::string description;     // the classes that make the pair, merged ("6 < fte_regiebehandelaren ≤ 8")
    std::string description_nl;  // the same in Dutch, with labels ("6 < Fte regiebehandelaren ≤ 8")
    std::string otherwise;       // what every other rule must do ("no ground, nothing unknown under A")
    std::vector<std::pair<const char*, const char*>> otherwise_parts;  // the same as messages and their side, for translation
    std::vector<std::string> conditions;                               // every group of facts the region constrains, one entry each
    std::vector<std::string> rules;                                    // the rules whose results make the pair (codes)
    nlohmann::ordered_json witness;                                    // null when no provider was confirmed by the engine
    bool sampled = false;                                              // depends on script checks
    std::optional<size_t> listed;                                      // with a list: its providers in the region
    Cause cause = Cause::Text;  // of a move: text when one of `rules` encodes the text (change_cause.hpp)
};

struct Transition {
    Category a = Category::Offer, b = Category::Offer;
    std::vector<TransitionRegion> regions;
    std::optional<size_t> listed;  // with a list: its providers with this pair (decided under both)
};

struct KindTransitions {
    std::string kind;
    std::vector<Transition> transitions;
    std::vector<std::pair<Category, Category>> impossible;  // pairs no provider of the kind can have
    std::vector<std::string> untabulated;                   // groups too large to tabulate: their pairs are sampled
};

struct TransitionAnalysis {
    std::string a, b;
    const Schema* schema = nullptr;  // A's: the labels of kinds and fields
    std::vector<KindTransitions> kinds;
    size_t classes = 0, nodes = 0;
    std::optional<size_t> listed;  // providers of the list counted
    double seconds = 0;
};

// Under A's schema; `list` (optional) is counted into the regions and pairs.
TransitionAnalysis analyze_transitions(const AnalyzedPolicy& a, const AnalyzedPolicy& b, const std::vector<Provider>* list = nullptr);

// The outcome token in JSON ("offer", ..., "out_of_scope").
std::string_view category_token(Category c);
std::string transitions_text(const TransitionAnalysis& t, Lang lang);
nlohmann::ordered_json transitions_json(const TransitionAnalysis& t);

}  // namespace inkoop
