#include "core/serve/policy_set.hpp"

#include <stdexcept>

namespace inkoop::serve {

Lease& Lease::operator=(Lease&& o) noexcept {
    if (this != &o) {
        give_back();
        set_ = o.set_;
        ev_ = std::move(o.ev_);
    }
    return *this;
}

Lease::~Lease() { give_back(); }

void Lease::give_back() {
    if (set_ && ev_) set_->give_back(std::move(ev_));
}

PolicySet::PolicySet(std::shared_ptr<const Schema> schema, std::vector<std::unique_ptr<Evaluator>> evaluators, uint64_t generation)
    : schema_(std::move(schema)), generation_(generation), states_(evaluators.size()), idle_(std::move(evaluators)) {
    if (idle_.empty()) throw std::invalid_argument("a policy set needs at least one evaluator");
    const Evaluator& first = *idle_.front();
    for (size_t i = 0; i < first.policy_count(); ++i) {
        ids_.push_back(first.policy_id(i));
        policies_.push_back(&first.policy(i));
        params_.push_back(&first.params(i));
    }
}

int PolicySet::find(std::string_view id) const {
    for (size_t i = 0; i < ids_.size(); ++i)
        if (ids_[i] == id) return static_cast<int>(i);
    return -1;
}

Lease PolicySet::acquire(std::chrono::milliseconds wait, size_t max_waiting) {
    std::unique_lock lock(mutex_);
    if (idle_.empty()) {
        if (waiting_ >= max_waiting) return {};
        ++waiting_;
        const bool got = freed_.wait_for(lock, wait, [&] { return !idle_.empty(); });
        --waiting_;
        if (!got) return {};
    }
    auto ev = std::move(idle_.back());
    idle_.pop_back();
    return {this, std::move(ev)};
}

size_t PolicySet::waiting() const {
    std::lock_guard lock(mutex_);
    return waiting_;
}

void PolicySet::give_back(std::unique_ptr<Evaluator> ev) {
    {
        std::lock_guard lock(mutex_);
        idle_.push_back(std::move(ev));
    }
    freed_.notify_one();
}

std::shared_ptr<PolicySet> make_policy_set(std::shared_ptr<const Schema> schema, const EvaluatorFactory& make, size_t states,
                                           uint64_t generation) {
    std::vector<std::unique_ptr<Evaluator>> evaluators;
    for (size_t i = 0; i < std::max<size_t>(states, 1); ++i) evaluators.push_back(make());
    return std::make_shared<PolicySet>(std::move(schema), std::move(evaluators), generation);
}

}  // namespace inkoop::serve
