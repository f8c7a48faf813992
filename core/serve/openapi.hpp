// GET /v1/openapi.json: the service described as OpenAPI 3.0, for the portal teams that call it.
// Made from what is served: the routes of service.hpp, the policy ids as the values {id} takes, the
// provider schema as the request body (every field, its type, choices, bounds and Dutch label;
// null is unknown), and the bearer token when the server needs one.
#pragma once

#include <string>

#include "core/serve/policy_set.hpp"
#include "core/serve/service.hpp"

namespace inkoop::serve {

// `o`: the limits the description states, and whether requests need the bearer token.
std::string openapi_json(const PolicySet& set, const ServiceOptions& o);

}  // namespace inkoop::serve
