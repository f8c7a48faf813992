// GET /v1/openapi.json: the service described as OpenAPI 3.0, for the portal teams that call it.
// Made from what is served: the routes of service.hpp, the policy ids as the values {id} takes, the
// provider schema as the request body (every field, its type, choices, bounds and Dutch label;
// null is unknown), and the bearer token when the server needs one.
#pragma once

#include <string>

#include "core/serve/policy_set.hpp"

namespace inkoop::serve {

struct OpenApiOptions {
    bool token = false;  // requests need Authorization: Bearer
    size_t max_providers = 0, max_body = 0, max_upload = 0;
};

std::string openapi_json(const PolicySet& set, const OpenApiOptions& o);

}  // namespace inkoop::serve
