// The provider schema the tests read providers and load inline policies against: the shipped
// policy tree's ($INKOOP_POLICIES, else the installed tree, else the source tree's policies/),
// read once. The product never has such a default: its schema comes with the policy tree.
#pragma once

#include <memory>

#include "core/engine/catalog.hpp"
#include "core/model/schema.hpp"

namespace inkoop::testing {

inline const std::shared_ptr<const Schema>& shared_test_schema() {
    static const auto schema = std::make_shared<const Schema>(Schema::load_tree(Catalog::default_dir()));
    return schema;
}

inline const Schema& test_schema() { return *shared_test_schema(); }

}  // namespace inkoop::testing
