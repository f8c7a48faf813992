#include "core/run/manifest.hpp"

#include <boost/version.hpp>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>

#include <expat.h>
#include <fmt/format.h>
#include <openssl/crypto.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "core/base/hash.hpp"

#ifndef INKOOP_VERSION
#define INKOOP_VERSION "0"
#endif

namespace inkoop {

std::string inkoop_version() { return INKOOP_VERSION; }

std::string library_versions() {
    return fmt::format("fmt {}.{}.{}, nlohmann-json {}.{}.{}, libxlsxwriter {}, libzip {}, {}, {}, Boost {}.{}", FMT_VERSION / 10000,
                       FMT_VERSION / 100 % 100, FMT_VERSION % 100, NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
                       NLOHMANN_JSON_VERSION_PATCH, LXW_VERSION, zip_libzip_version(), XML_ExpatVersion(), OpenSSL_version(OPENSSL_VERSION),
                       BOOST_VERSION / 100000, BOOST_VERSION / 100 % 1000);
}

std::string utc_now() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string manifest_path(const std::string& output) { return output + ".manifest.json"; }

namespace {

std::string fmt_size(uint64_t then, uint64_t now) { return std::to_string(then) + " bytes then, " + std::to_string(now) + " now"; }

nlohmann::ordered_json file_json(const ManifestFile& f) { return {{"path", f.path}, {"bytes", f.bytes}, {"sha256", f.sha256}}; }

ManifestFile file_from(const nlohmann::json& j) {
    return {j.at("path").get<std::string>(), j.at("bytes").get<uint64_t>(), j.at("sha256").get<std::string>()};
}

}  // namespace

std::string Manifest::to_json() const {
    nlohmann::ordered_json j;
    j["manifest"] = "inkoop run";
    j["inkoop_version"] = inkoop_version;
    j["libraries"] = libraries;
    j["command"] = command;
    j["started"] = started;
    j["finished"] = finished;
    j["settings"] = settings;
    auto ps = nlohmann::ordered_json::array();
    for (const auto& p : policies) {
        nlohmann::ordered_json o;
        o["id"] = p.id;
        o["policy_version"] = p.version;
        o["params"] = nlohmann::ordered_json::parse(p.params.empty() ? "{}" : p.params);
        auto files = nlohmann::ordered_json::array();
        for (const auto& f : p.files) files.push_back({{"path", f.path}, {"sha256", f.sha256}});
        o["files"] = std::move(files);
        nlohmann::ordered_json outcomes;  // by category: out of scope apart from the refusals
        for (Outcome oc : kOutcomeOrder)
            outcomes[std::string(outcome_name(oc))] = p.outcomes[static_cast<size_t>(oc)] - (oc == Outcome::Refuse ? p.out_of_scope : 0);
        outcomes["out_of_scope"] = p.out_of_scope;
        o["outcomes"] = std::move(outcomes);
        o["failures"] = p.failures;
        ps.push_back(std::move(o));
    }
    j["policies"] = std::move(ps);
    j["input"] = file_json(input);
    j["output"] = file_json(output);
    if (!resources.empty()) {
        auto rs = nlohmann::ordered_json::array();
        for (const auto& r : resources) {
            nlohmann::ordered_json f = {{"what", r.what}};
            f.update(file_json(r.file));
            rs.push_back(std::move(f));
        }
        j["resources"] = std::move(rs);
    }
    j["rows"] = {
        {"read", rows}, {"decided", decided}, {"rejected", rejected}, {"policy_failures", failures}, {"duplicate_agb", duplicates}};
    return j.dump(2) + "\n";
}

Manifest Manifest::parse(std::string_view text) {
    try {
        const auto j = nlohmann::json::parse(text);
        if (j.value("manifest", "") != "inkoop run") throw std::runtime_error("not an inkoop manifest");
        Manifest m;
        m.inkoop_version = j.value("inkoop_version", "");
        m.libraries = j.value("libraries", "");
        m.command = j.value("command", "");
        m.started = j.value("started", "");
        m.finished = j.value("finished", "");
        m.settings = j.value("settings", std::vector<std::string>{});
        for (const auto& p : j.at("policies")) {
            ManifestPolicy mp;
            mp.id = p.at("id").get<std::string>();
            mp.version = p.value("policy_version", "");
            mp.params = p.value("params", nlohmann::json::object()).dump();
            for (const auto& f : p.at("files")) mp.files.push_back({f.at("path").get<std::string>(), f.at("sha256").get<std::string>()});
            m.policies.push_back(std::move(mp));
        }
        m.input = file_from(j.at("input"));
        m.output = file_from(j.at("output"));
        for (const auto& r : j.value("resources", nlohmann::json::array()))
            m.resources.push_back({r.at("what").get<std::string>(), file_from(r)});
        return m;
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(std::string("not an inkoop manifest: ") + e.what());
    }
}

std::vector<VerifyResult> verify_manifest(const Manifest& m) {
    using namespace std::string_literals;
    std::vector<VerifyResult> out;
    const auto check = [&](const std::string& what, const std::string& path, const std::string& sha, std::optional<uint64_t> bytes) {
        VerifyResult r{what, path, "ok", ""};
        std::error_code ec;
        if (path == "-" || path.empty()) {
            r.status = "not on disk";
            r.detail = "read from standard input: not checked";
        } else if (!std::filesystem::is_regular_file(path, ec)) {
            r.status = "missing";
        } else {
            const auto [now, size] = sha256_file(path);
            if (now != sha) {
                r.status = "changed";
                r.detail = !bytes ? "other content" : *bytes != size ? fmt_size(*bytes, size) : "same size, other content";
            }
        }
        out.push_back(std::move(r));
    };
    for (const auto& p : m.policies)
        for (const auto& f : p.files) check("policy " + p.id, f.path, f.sha256, std::nullopt);
    check("input", m.input.path, m.input.sha256, m.input.bytes);
    check("output", m.output.path, m.output.sha256, m.output.bytes);
    for (const auto& r : m.resources) check(r.what, r.file.path, r.file.sha256, r.file.bytes);
    return out;
}

}  // namespace inkoop
