// The audit trail of a run: a manifest written next to its output (<output>.manifest.json) with
// the inkoop version, the policies with the hashes of every file they were loaded from, the
// parameters, the input's name, size and SHA-256, the output's, the row counts, the start and end
// times and the command line; and `inkoop verify`, which recomputes the hashes against the files
// on disk.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/policy.hpp"

namespace inkoop {

std::string inkoop_version();
// The libraries linked in, with their versions ("fmt 9.1.0, ..."); Lua's is the engine's to say.
std::string library_versions();
// The current time as UTC ISO 8601 (2026-11-24T18:02:11Z).
std::string utc_now();

struct ManifestFile {
    std::string path;  // absolute when on disk; "-" for standard input or output
    uint64_t bytes = 0;
    std::string sha256;
};

struct ManifestPolicy {
    std::string id, version, params;
    std::vector<PolicyFileHash> files;  // absolute paths
    std::array<size_t, 4> outcomes{};   // by Outcome
    size_t out_of_scope = 0;            // of outcomes[Refuse]: written apart, never as refusals
    size_t failures = 0;
};

struct Manifest {
    std::string inkoop_version, libraries, command, started, finished;
    std::vector<std::string> settings;  // --set NAME=VALUE
    std::vector<ManifestPolicy> policies;
    ManifestFile input, output;
    // Other files the output was made from, e.g. a letter's template ("letter template refuse"),
    // the letterhead and its logo; what names the role.
    struct Resource {
        std::string what;
        ManifestFile file;
    };
    std::vector<Resource> resources;
    size_t rows = 0, decided = 0, rejected = 0, failures = 0, duplicates = 0;

    std::string to_json() const;
    // Throws std::runtime_error for a document that is not a manifest.
    static Manifest parse(std::string_view json_text);
};

std::string manifest_path(const std::string& output);

struct VerifyResult {
    std::string what;  // "policy salland/ggz-2024", "input", "output"
    std::string path;
    std::string status;  // "ok", "changed", "missing", "not on disk"
    std::string detail;
};

// Recomputes every hash of the manifest against the files on disk.
std::vector<VerifyResult> verify_manifest(const Manifest& m);

}  // namespace inkoop
