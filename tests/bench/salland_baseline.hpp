// The Salland GGZ 2024 rules hand-written in C++: the baseline the benchmark holds the Lua policy
// against. Same rules, same order, same three-valued logic; the item texts are taken from the
// loaded policy so that the output can be compared byte for byte.
#pragma once

#include "core/model/policy.hpp"
#include "core/run/batch.hpp"

namespace inkoop::bench {

class SallandBaseline final : public Evaluator {
public:
    explicit SallandBaseline(const Policy& policy);
    size_t policy_count() const override { return 1; }
    const std::string& policy_id(size_t) const override { return id_; }
    const Policy& policy(size_t) const override { return policy_; }
    const ParamValues& params(size_t) const override { return defaults_; }

private:
    // The hand-written rules have the document's limits built in: no scenarios, and no trace.
    bool run(size_t, const Provider& p, const ParamValues&, DecideOptions options, Decision& out, EvalFailure& failure) override;
    const Item& item(const char* code) const;
    const Policy& policy_;
    std::string id_;
    SharedText params_{"{}"};
    ParamValues defaults_;
};

}  // namespace inkoop::bench
