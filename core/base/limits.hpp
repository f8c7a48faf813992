// What one policy run (loading a policy, or deciding one provider) may use.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace inkoop {

struct Limits {
    // VM instructions per run, plus the work done in C on the policy's behalf (one unit per 16
    // bytes of text a library function handles, per table element it moves, per 64 bytes allocated).
    uint64_t instructions = 20'000'000;
    std::chrono::milliseconds deadline{500};  // wall clock per run
    size_t memory_bytes = size_t{64} << 20;   // the whole Lua state, plus the host memory it holds
};

}  // namespace inkoop
