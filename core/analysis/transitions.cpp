#include "core/analysis/transitions.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <fmt/format.h>

#include "core/analysis/class_space.hpp"
#include "core/base/i18n.hpp"

namespace inkoop {
namespace {

using namespace class_space;

// What a group of rules gives under one policy: some ground holds, some rule that can change the
// outcome is unknown, some review point holds. A's bits are 0-2, B's 3-5.
constexpr uint8_t kGround = 1, kOpen = 2, kReview = 4;
using Bits = uint8_t;      // the six bits
using BitsSet = uint64_t;  // a set of Bits (bit s: Bits s possible)

BitsSet one(Bits s) { return BitsSet{1} << s; }

// The Bits s with every bit of `required` set and none of `forbidden`.
BitsSet bits_where(Bits required, Bits forbidden) {
    BitsSet out = 0;
    for (Bits s = 0; s < 64; ++s)
        if ((s & required) == required && !(s & forbidden)) out |= one(s);
    return out;
}

struct Member {
    const Rule* rule;
    const ParamValues* params;
    int shift;  // 0 under A, 3 under B
};

// Rules of both policies that share fields, directly or through one another.
struct Group {
    std::vector<Member> members;
    std::vector<int> fields;
    std::array<std::vector<std::vector<int>>, 64> tuples;  // the classes of `fields`, by the Bits they give
    BitsSet reachable = 0;
    bool sampled = false;   // a member has a script check
    bool tabulated = true;  // false: too many combinations, `reachable` is every Bits the members allow
    std::vector<std::string> codes() const {
        std::vector<std::string> out;
        for (const auto& m : members)
            if (std::find(out.begin(), out.end(), m.rule->code) == out.end()) out.push_back(m.rule->code);
        return out;
    }
};

// The 3-bit values (as a set: bit v) a rule can add under the current assignment.
uint8_t contributions(Space& space, const Member& m) {
    const auto [h, ri] = space.rule_possible(*m.rule, *m.params);
    uint8_t out = 0;
    if (h & kF) out |= 1;
    if (h & kU) out |= 1 << kOpen;
    if (h & kT) {
        if (part_of(*m.rule) == Part::Review || (ri & kT)) out |= 1 << kReview;
        if (part_of(*m.rule) == Part::Ground && (ri & (kF | kU))) out |= 1 << kGround;
    }
    return out;
}

// The Bits a group can give under the current assignment.
BitsSet group_bits(Space& space, const Group& g) {
    BitsSet set = one(0);
    for (const auto& m : g.members) {
        const uint8_t c = contributions(space, m);
        BitsSet next = 0;
        for (Bits s = 0; s < 64; ++s)
            if (set & one(s))
                for (int v = 0; v < 8; ++v)
                    if (c >> v & 1) next |= one(static_cast<Bits>(s | (v << m.shift)));
        set = next;
    }
    return set;
}

// The Bits of a provider over every group: each group's set combined by union.
BitsSet combine(const std::vector<Group>& groups) {
    BitsSet all = one(0);
    for (const auto& g : groups) {
        BitsSet next = 0;
        for (Bits a = 0; a < 64; ++a)
            if (all & one(a))
                for (Bits b = 0; b < 64; ++b)
                    if (g.reachable & one(b)) next |= one(a | b);
        all = next;
    }
    return all;
}

Category outcome_of(Bits three, bool in_scope) {
    if (!in_scope) return Category::OutOfScope;
    if (three & kGround) return Category::Refuse;
    if (three & kOpen) return Category::Incomplete;
    if (three & kReview) return Category::Review;
    return Category::Offer;
}

// What a category requires of one policy's bits: none of `forbid` in any group, `exists` in one.
struct Need {
    Bits forbid = 0, exists = 0;
};
Need need_of(Category c) {
    switch (c) {
    case Category::Refuse: return {0, kGround};
    case Category::Incomplete: return {kGround, kOpen};
    case Category::Review: return {kGround | kOpen, kReview};
    case Category::Offer: return {kGround | kOpen | kReview, 0};
    case Category::OutOfScope: return {0, 0};
    }
    return {};
}

// A region as data: `named` gives `named_set`; with `elsewhere_bit`, some other group among
// `elsewhere` gives that bit; every group stays within the pair's `allowed` set.
struct RegionSpec {
    int named = -1;
    BitsSet named_set = 0;
    Bits elsewhere_bit = 0;
    std::vector<int> elsewhere;
};

struct PairSpec {
    std::vector<BitsSet> allowed;  // per group
    std::vector<RegionSpec> regions;
};

// What the other groups must give for a side's outcome, as a message with the side ("A", "B").
const char* side_words(Bits forbid) {
    if (forbid == (kGround | kOpen | kReview)) return N_("every rule met under {}");
    if (forbid == (kGround | kOpen)) return N_("no ground and nothing unknown under {}");
    if (forbid == kGround) return N_("no ground under {}");
    return nullptr;
}

const char* exists_words(Bits bit) {
    if (bit == kGround) return N_("another rule gives a ground under {}");
    if (bit == kOpen) return N_("another fact the decision needs is unknown under {}");
    return N_("another review point under {}");
}

std::string parts_text(const std::vector<std::pair<const char*, const char*>>& parts, Lang L) {
    std::vector<std::string> out;
    for (const auto& [msg, side] : parts) out.push_back(fmt::format(fmt::runtime(tr(L, msg)), side));
    return fmt::format("{}", fmt::join(out, "; "));
}

class TransitionAnalyzer : private PolicyPair {
public:
    TransitionAnalyzer(const AnalyzedPolicy& pa, const AnalyzedPolicy& pb, const std::vector<Provider>* list)
        : PolicyPair(pa, pb), list_(list) {
        out_.a = A_.info.id;
        out_.schema = &schema_;
        out_.b = B_.info.id;
    }

    TransitionAnalysis run() {
        if (list_) out_.listed = 0;
        for (size_t k = 0; k < kind_field_->values.size(); ++k) analyze_kind(static_cast<int>(k));
        return std::move(out_);
    }

private:
    std::vector<Group> make_groups(Space& space, int k, bool in_a, bool in_b) const {
        std::vector<Member> members;
        for (const auto& [p, ap, shift, in] : {std::tuple{&A_, &pa_, 0, in_a}, std::tuple{&B_, &pb_, 3, in_b}})
            if (in)
                for (const auto& r : p->rules)
                    if (r.effect != Effect::IfRefused && part_of(r) != Part::Other && r.applies_to(k))
                        members.push_back({&r, &ap->params, shift});
        // Union of members that share a field; members without fields form one group.
        std::vector<std::vector<int>> fields(members.size());
        std::vector<size_t> parent(members.size());
        for (size_t i = 0; i < members.size(); ++i) {
            parent[i] = i;
            fields_of(*members[i].rule, fields[i]);
            fields[i] = known_fields(fields[i], space);
        }
        const auto root = [&](size_t x) {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        };
        std::map<int, size_t> owner;
        size_t fieldless = members.size();
        for (size_t i = 0; i < members.size(); ++i) {
            if (fields[i].empty()) {
                if (fieldless == members.size()) fieldless = i;
                parent[root(i)] = root(fieldless);
            }
            for (int f : fields[i]) {
                const auto [it, added] = owner.emplace(f, i);
                if (!added) parent[root(i)] = root(it->second);
            }
        }
        std::map<size_t, Group> by_root;
        for (size_t i = 0; i < members.size(); ++i) {
            Group& g = by_root[root(i)];
            g.members.push_back(members[i]);
            g.fields.insert(g.fields.end(), fields[i].begin(), fields[i].end());
        }
        std::vector<Group> out;
        for (auto& [r, g] : by_root) {
            std::sort(g.fields.begin(), g.fields.end());
            g.fields.erase(std::unique(g.fields.begin(), g.fields.end()), g.fields.end());
            out.push_back(std::move(g));
        }
        return out;
    }

    void tabulate(Space& space, Group& g) const {
        g.tabulated = for_each_tuple(space, g.fields, [&](const std::vector<int>& t) {
            const BitsSet m = group_bits(space, g);
            if (std::popcount(m) > 1) g.sampled = true;
            for (Bits s = 0; s < 64; ++s)
                if (m & one(s)) g.tuples[s].push_back(t);
            g.reachable |= m;
        });
        if (!g.tabulated) {
            space.clear_all();
            g.reachable = group_bits(space, g);  // every combination of the members' possible results
            g.sampled = true;
        }
    }

    void analyze_kind(int k) {
        KindTransitions kt;
        kt.kind = kind_field_->values[static_cast<size_t>(k)];
        const bool in_a = A_.purchases(k), in_b = B_.purchases(k);
        Space space(schema_, domains_, k);
        out_.classes += space.classes();
        std::vector<Group> groups = make_groups(space, k, in_a, in_b);
        for (auto& g : groups) {
            tabulate(space, g);
            if (!g.tabulated) kt.untabulated.push_back(fmt::format("{}", fmt::join(g.codes(), ", ")));
        }
        const BitsSet all = combine(groups);
        std::vector<PairSpec> specs;
        const auto cats = [](bool in) {
            return in ? std::vector<Category>{Category::Offer, Category::Review, Category::Refuse, Category::Incomplete}
                      : std::vector<Category>{Category::OutOfScope};
        };
        for (Category ca : cats(in_a))
            for (Category cb : cats(in_b)) {
                bool reachable = false;
                for (Bits s = 0; s < 64 && !reachable; ++s)
                    reachable = (all & one(s)) && outcome_of(s & 7, in_a) == ca && outcome_of(static_cast<Bits>(s >> 3), in_b) == cb;
                if (!reachable) {
                    kt.impossible.push_back({ca, cb});
                    continue;
                }
                Transition t;
                t.a = ca;
                t.b = cb;
                specs.push_back(pair_spec(groups, need_of(ca), need_of(cb)));
                for (const auto& r : specs.back().regions) {
                    t.regions.push_back(region(space, groups, specs.back(), r, ca, cb));
                    if (list_) t.regions.back().listed = 0;
                }
                if (list_) t.listed = 0;
                kt.transitions.push_back(std::move(t));
            }
        if (list_) count_list(space, groups, specs, kt, k);
        out_.nodes += space.nodes;
        out_.kinds.push_back(std::move(kt));
    }

    // The regions of a pair: which group (or groups) give the bits the outcomes need.
    static PairSpec pair_spec(const std::vector<Group>& groups, Need na, Need nb) {
        PairSpec p;
        const Bits forbid = static_cast<Bits>(na.forbid | nb.forbid << 3);
        const Bits ea = na.exists, eb = static_cast<Bits>(nb.exists << 3);
        for (const auto& g : groups) p.allowed.push_back(g.reachable & bits_where(0, forbid));
        const auto with = [&](size_t g, Bits b) { return p.allowed[g] & bits_where(b, 0); };
        if (!ea && !eb) {
            p.regions.push_back({});
            return p;
        }
        if (!ea || !eb) {
            const Bits e = ea ? ea : eb;
            for (size_t g = 0; g < groups.size(); ++g)
                if (with(g, e)) p.regions.push_back({static_cast<int>(g), with(g, e), 0, {}});
            return p;
        }
        // Both outcomes need a bit: one group giving both, or one giving one and another the other
        // (named by the side with fewer groups that can give it).
        std::vector<int> ga, gb;
        for (size_t g = 0; g < groups.size(); ++g) {
            if (with(g, static_cast<Bits>(ea | eb))) p.regions.push_back({static_cast<int>(g), with(g, static_cast<Bits>(ea | eb)), 0, {}});
            if (with(g, ea)) ga.push_back(static_cast<int>(g));
            if (with(g, eb)) gb.push_back(static_cast<int>(g));
        }
        const bool name_b = gb.size() <= ga.size();
        const auto& named = name_b ? gb : ga;
        const auto& other = name_b ? ga : gb;
        for (int g : named) {
            RegionSpec r{g, with(static_cast<size_t>(g), name_b ? eb : ea), name_b ? ea : eb, {}};
            for (int o : other)
                if (o != g) r.elsewhere.push_back(o);
            if (!r.elsewhere.empty()) p.regions.push_back(std::move(r));
        }
        return p;
    }

    // Group `g`'s classes whose Bits are in `set`, in words ("" when every class of it is).
    std::string group_words(Space& space, const Group& g, BitsSet set, Lang L = Lang::En) const {
        if (set == g.reachable) return "";
        if (!g.tabulated) {
            std::vector<std::string> texts;
            for (const auto& m : g.members) texts.push_back(m.rule->code + ": " + describe(*m.rule->test, schema_, m.params, L));
            return fmt::format("({})", fmt::join(texts, "; "));
        }
        std::vector<std::vector<int>> tuples;
        for (Bits s = 0; s < 64; ++s)
            if (set & one(s)) tuples.insert(tuples.end(), g.tuples[s].begin(), g.tuples[s].end());
        std::sort(tuples.begin(), tuples.end());
        tuples.erase(std::unique(tuples.begin(), tuples.end()), tuples.end());
        return describe_tuples(tuples, g.fields, space, schema_, L);
    }

    TransitionRegion region(Space& space, const std::vector<Group>& groups, const PairSpec& p, const RegionSpec& r, Category ca,
                            Category cb) const {
        TransitionRegion out;
        std::vector<std::string> named_words, named_words_nl;
        for (size_t g = 0; g < groups.size(); ++g) {
            const bool named = static_cast<int>(g) == r.named;
            const std::string words = group_words(space, groups[g], named ? r.named_set : p.allowed[g]);
            if (named) {
                out.rules = groups[g].codes();
                named_words.push_back(words.empty() ? "any facts" : words);
                const std::string words_nl = group_words(space, groups[g], r.named_set, Lang::Nl);
                named_words_nl.push_back(words_nl.empty() ? tr(Lang::Nl, "any facts") : words_nl);
            }
            if (!words.empty()) out.conditions.push_back(words);
            if (groups[g].sampled && (named || p.allowed[g] != groups[g].reachable)) out.sampled = true;
        }
        out.description = named_words.empty() ? "" : named_words.front();
        out.description_nl = named_words_nl.empty() ? "" : named_words_nl.front();
        if (!r.elsewhere.empty()) {
            const bool on_a = r.elsewhere_bit < 8;
            out.otherwise_parts.push_back(
                {exists_words(on_a ? r.elsewhere_bit : static_cast<Bits>(r.elsewhere_bit >> 3)), on_a ? "A" : "B"});
            out.conditions.push_back(parts_text({out.otherwise_parts.back()}, Lang::En));
        }
        for (const auto& [c, side] : {std::pair{ca, "A"}, std::pair{cb, "B"}})
            if (const char* w = side_words(need_of(c).forbid)) out.otherwise_parts.push_back({w, side});
        out.otherwise = parts_text(out.otherwise_parts, Lang::En);
        if (out.description.empty()) out.description = out.otherwise.empty() ? N_("every provider of this kind") : out.otherwise;
        out.witness = witness(space, groups, p, r, ca, cb);
        return out;
    }

    // A tuple of group `g` with Bits in `set`: from the bucket with the fewest bits, the tuple with
    // the fewest unknown facts (of the first 2000).
    static const std::vector<int>* pick(const Group& g, BitsSet set, int attempt) {
        std::vector<Bits> order;
        for (Bits s = 0; s < 64; ++s)
            if ((set & one(s)) && !g.tuples[s].empty()) order.push_back(s);
        std::stable_sort(order.begin(), order.end(), [](Bits x, Bits y) { return std::popcount(x) < std::popcount(y); });
        if (order.empty()) return nullptr;
        const auto& bucket = g.tuples[order[static_cast<size_t>(attempt) % order.size()]];
        const std::vector<int>* best = nullptr;
        long best_unknown = 0;
        for (size_t i = 0; i < bucket.size() && i < 2000; ++i) {
            const long unknown = std::count(bucket[i].begin(), bucket[i].end(), 0);
            if (!best || unknown < best_unknown) best = &bucket[i], best_unknown = unknown;
        }
        return best;
    }

    nlohmann::ordered_json witness(Space& space, const std::vector<Group>& groups, const PairSpec& p, const RegionSpec& r, Category ca,
                                   Category cb) const {
        for (int attempt = 0; attempt < 3; ++attempt) {
            for (size_t e = 0; e < std::max<size_t>(1, r.elsewhere.size()) && e < 4; ++e) {
                space.clear_all();
                bool ok = true;
                for (size_t g = 0; g < groups.size() && ok; ++g) {
                    if (!groups[g].tabulated) continue;
                    BitsSet set = p.allowed[g];
                    if (static_cast<int>(g) == r.named) set = r.named_set;
                    if (!r.elsewhere.empty() && static_cast<int>(g) == r.elsewhere[e]) set &= bits_where(r.elsewhere_bit, 0);
                    const auto* t = pick(groups[g], set, attempt);
                    if (!t) {
                        ok = false;
                        break;
                    }
                    for (size_t i = 0; i < groups[g].fields.size(); ++i) space.assign(groups[g].fields[i], (*t)[i]);
                }
                if (!ok) continue;
                Provider prov = space.provider();
                const auto keep = space.assigned();
                space.clear_all();
                if (confirms(prov, keep, ca, cb)) return witness_json(prov, schema_);
            }
        }
        space.clear_all();
        return nullptr;
    }

    bool confirms(Provider& p, const std::vector<int>& keep, Category ca, Category cb) const {
        const auto d = decide_both(p, keep);
        return d && category_of(d->first) == ca && category_of(d->second) == cb;
    }

    // The list's providers of kind `k`: their pair as decided, and the regions they fall in.
    void count_list(Space& space, const std::vector<Group>& groups, const std::vector<PairSpec>& specs, KindTransitions& kt, int k) {
        for (const Provider& prov : *list_) {
            const auto* e = std::get_if<EnumValue>(&prov[kind_field_->index]);
            if (!e || e->index != k) continue;
            Category ca, cb;
            try {
                ca = category_of(pa_.ev->decide_or_throw(pa_.index, prov, pa_.params));
                cb = category_of(pb_.ev->decide_or_throw(pb_.index, prov, pb_.params));
            } catch (const std::exception&) {
                continue;
            }
            ++*out_.listed;
            space.load(prov);
            std::vector<BitsSet> bits;
            for (const auto& g : groups) bits.push_back(group_bits(space, g));
            space.clear_all();
            for (size_t t = 0; t < kt.transitions.size(); ++t) {
                Transition& tr = kt.transitions[t];
                if (tr.a != ca || tr.b != cb) continue;
                ++*tr.listed;
                for (size_t r = 0; r < tr.regions.size(); ++r)
                    if (in_region(specs[t], specs[t].regions[r], bits)) ++*tr.regions[r].listed;
            }
        }
    }

    static bool in_region(const PairSpec& p, const RegionSpec& r, const std::vector<BitsSet>& bits) {
        for (size_t g = 0; g < bits.size(); ++g)
            if (!(bits[g] & p.allowed[g])) return false;
        if (r.named >= 0 && !(bits[static_cast<size_t>(r.named)] & r.named_set)) return false;
        if (r.elsewhere.empty()) return true;
        return std::any_of(r.elsewhere.begin(), r.elsewhere.end(), [&](int g) {
            return bits[static_cast<size_t>(g)] & p.allowed[static_cast<size_t>(g)] & bits_where(r.elsewhere_bit, 0);
        });
    }

    const std::vector<Provider>* list_;
    TransitionAnalysis out_;
};

}  // namespace

TransitionAnalysis analyze_transitions(const AnalyzedPolicy& a, const AnalyzedPolicy& b, const std::vector<Provider>* list) {
    const auto start = std::chrono::steady_clock::now();
    TransitionAnalysis out = TransitionAnalyzer(a, b, list).run();
    const ChangeCauses causes(*a.policy, *b.policy, a.set, b.set);
    for (auto& k : out.kinds)
        for (auto& t : k.transitions)
            for (auto& r : t.regions) r.cause = causes.of_rules(r.rules);
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

std::string_view category_token(Category c) { return c == Category::OutOfScope ? "out_of_scope" : category_name(c); }

}  // namespace inkoop

namespace inkoop {
namespace {

std::string pair_words(Category a, Category b, Lang L) { return category_label(a, L) + " → " + category_label(b, L); }

std::string listed_words(const std::optional<size_t>& n, Lang L) {
    return n ? fmt::format(fmt::runtime(tr(L, "  ({} listed)")), count_text(L, *n)) : "";
}

}  // namespace

std::string transitions_text(const TransitionAnalysis& t, Lang L) {
    std::string out =
        fmt::format(fmt::runtime(tr(L, "A = {}, B = {}: the outcome of every possible provider under A and under B\n")), t.a, t.b);
    out += fmt::format(fmt::runtime(tr(L, "{} field classes, {} combinations examined, {} s")), count_text(L, t.classes),
                       count_text(L, t.nodes), number_text(L, t.seconds, 2));
    if (t.listed) out += fmt::format(fmt::runtime(tr(L, "; {} providers of the list decided under both")), count_text(L, *t.listed));
    out += "\n";
    for (const auto& k : t.kinds) {
        out += "\n" + kind_words(t.schema, k.kind, L) + "\n";
        for (const auto& tr_ : k.transitions) {
            out += fmt::format("  {}{}\n", pair_words(tr_.a, tr_.b, L), listed_words(tr_.listed, L));
            for (const auto& r : tr_.regions) {
                const std::string description = r.description == r.otherwise                     ? parts_text(r.otherwise_parts, L)
                                                : r.description == "every provider of this kind" ? tr(L, "every provider of this kind")
                                                : L == Lang::En                                  ? r.description
                                                                                                 : r.description_nl;
                const bool moved = tr_.a != tr_.b && !r.rules.empty();
                out +=
                    fmt::format("    - {}{}{}{}{}\n", description, r.rules.empty() ? "" : fmt::format("  [{}]", fmt::join(r.rules, ", ")),
                                moved ? fmt::format(" {}", cause_label(r.cause, 1, L)) : "",
                                r.sampled ? fmt::format("  [{}]", tr(L, "sampled")) : "", listed_words(r.listed, L));
                if (!r.otherwise.empty() && r.otherwise != r.description)
                    out += fmt::format("      {}: {}\n", tr(L, "otherwise"), parts_text(r.otherwise_parts, L));
                out += r.witness.is_null() ? fmt::format("      {}\n", tr(L, "no witness confirmed by the engine"))
                                           : fmt::format("      {} {}\n", tr(L, "e.g."), witness_text(r.witness, t.schema, L));
            }
        }
        std::vector<std::string> impossible;
        for (const auto& [a, b] : k.impossible) impossible.push_back(pair_words(a, b, L));
        out += fmt::format("  {}: {}\n", tr(L, "impossible"),
                           impossible.empty() ? std::string(tr(L, "none")) : fmt::format("{}", fmt::join(impossible, ", ")));
        if (!k.untabulated.empty())
            out +=
                fmt::format("  {}: {}\n", tr(L, "too many combinations to tabulate (their pairs sampled)"), fmt::join(k.untabulated, "; "));
    }
    return out;
}

nlohmann::ordered_json transitions_json(const TransitionAnalysis& t) {
    nlohmann::ordered_json j;
    j["a"] = t.a;
    j["b"] = t.b;
    j["classes"] = t.classes;
    j["nodes"] = t.nodes;
    if (t.listed) j["listed"] = *t.listed;
    j["kinds"] = nlohmann::ordered_json::object();
    for (const auto& k : t.kinds) {
        auto& jk = j["kinds"][k.kind];
        jk["transitions"] = nlohmann::ordered_json::array();
        for (const auto& tr_ : k.transitions) {
            nlohmann::ordered_json jt;
            jt["a"] = category_token(tr_.a);
            jt["b"] = category_token(tr_.b);
            if (tr_.listed) jt["listed"] = *tr_.listed;
            jt["regions"] = nlohmann::ordered_json::array();
            for (const auto& r : tr_.regions) {
                nlohmann::ordered_json jr;
                jr["description"] = r.description;
                jr["otherwise"] = r.otherwise;
                jr["conditions"] = r.conditions;
                jr["rules"] = r.rules;
                jr["cause"] = tr_.a != tr_.b && !r.rules.empty() ? nlohmann::ordered_json(cause_name(r.cause)) : nlohmann::ordered_json();
                jr["witness"] = r.witness;
                jr["sampled"] = r.sampled;
                if (r.listed) jr["listed"] = *r.listed;
                jt["regions"].push_back(std::move(jr));
            }
            jk["transitions"].push_back(std::move(jt));
        }
        jk["impossible"] = nlohmann::ordered_json::array();
        for (const auto& [a, b] : k.impossible) jk["impossible"].push_back({category_token(a), category_token(b)});
        jk["untabulated"] = k.untabulated;
    }
    j["seconds"] = t.seconds;
    return j;
}

}  // namespace inkoop
