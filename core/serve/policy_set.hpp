// What the server decides with: the served policies loaded once into a few independent evaluators
// (each its own Lua states, each with every policy), lent to one request at a time. A reload
// builds a whole new set beside the old one and swaps it in; requests in flight keep the set they
// started with until they finish.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/model/schema.hpp"
#include "core/run/batch.hpp"

namespace inkoop::serve {

class PolicySet;

// One evaluator lent to a request; given back when the lease ends.
class Lease {
public:
    Lease() = default;
    Lease(PolicySet* set, std::unique_ptr<Evaluator> ev) : set_(set), ev_(std::move(ev)) {}
    Lease(Lease&& o) noexcept = default;
    Lease& operator=(Lease&& o) noexcept;
    ~Lease();
    explicit operator bool() const { return ev_ != nullptr; }
    Evaluator& operator*() const { return *ev_; }
    Evaluator* operator->() const { return ev_.get(); }

private:
    void give_back();
    PolicySet* set_ = nullptr;
    std::unique_ptr<Evaluator> ev_;
};

class PolicySet {
public:
    // `evaluators` (at least one) decide under the same policies, read against `schema`.
    PolicySet(std::shared_ptr<const Schema> schema, std::vector<std::unique_ptr<Evaluator>> evaluators, uint64_t generation);

    const Schema& schema() const { return *schema_; }
    const std::shared_ptr<const Schema>& shared_schema() const { return schema_; }
    uint64_t generation() const { return generation_; }
    size_t policy_count() const { return ids_.size(); }
    const std::vector<std::string>& ids() const { return ids_; }
    // The index of policy `id`, or -1 when it is not served.
    int find(std::string_view id) const;
    // The policy's declarations as loaded (read-only, the same in every evaluator; those of the
    // first, which lives as long as the set whether lent or not).
    const Policy& policy(size_t i) const { return *policies_[i]; }
    const ParamValues& params(size_t i) const { return *params_[i]; }

    // An evaluator for one request: waits up to `wait` while all are lent and fewer than
    // `max_waiting` requests wait already; an empty lease when it cannot have one (overload).
    Lease acquire(std::chrono::milliseconds wait, size_t max_waiting);
    size_t states() const { return states_; }
    // The requests waiting for an evaluator now.
    size_t waiting() const;

private:
    friend class Lease;
    void give_back(std::unique_ptr<Evaluator> ev);

    std::shared_ptr<const Schema> schema_;
    uint64_t generation_;
    size_t states_;
    std::vector<std::string> ids_;
    std::vector<const Policy*> policies_;
    std::vector<const ParamValues*> params_;
    mutable std::mutex mutex_;
    std::condition_variable freed_;
    std::vector<std::unique_ptr<Evaluator>> idle_;
    size_t waiting_ = 0;
};

// Makes `states` evaluators with `make` (each loads every policy) and the set of them.
std::shared_ptr<PolicySet> make_policy_set(std::shared_ptr<const Schema> schema, const EvaluatorFactory& make, size_t states,
                                           uint64_t generation);

// Loads the served policies afresh (the policy tree read again) into a set of `states`
// evaluators with the given generation number. Throws when a policy fails to load.
using PolicyLoader = std::function<std::shared_ptr<PolicySet>(size_t states, uint64_t generation)>;

}  // namespace inkoop::serve
