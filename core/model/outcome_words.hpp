// An outcome as a reader of a language reads it: the decision's own word in English ("refuse"),
// its category's label in another ("afwijzing"). One definition for every text output.
#pragma once

#include <string>

#include "core/model/decision.hpp"

namespace inkoop {

inline std::string outcome_word(Outcome o, Lang lang) {
    return lang == Lang::En ? std::string(outcome_name(o)) : category_label(static_cast<Category>(o), lang);
}

}  // namespace inkoop
