#include <catch2/catch.hpp>

#include "core/model/date.hpp"

using inkoop::Date;

TEST_CASE("dates parse in both spellings of the spec", "[date]") {
    REQUIRE(Date::parse("2023-06-01")->iso() == "2023-06-01");
    REQUIRE(Date::parse("01-06-2023")->iso() == "2023-06-01");
    REQUIRE(Date::parse("2024-02-29")->iso() == "2024-02-29");
}

TEST_CASE("impossible or malformed dates are refused", "[date]") {
    CHECK_FALSE(Date::parse("2023-02-29"));
    CHECK_FALSE(Date::parse("31-04-2024"));
    CHECK_FALSE(Date::parse("2024-13-01"));
    CHECK_FALSE(Date::parse("2024-1-01"));
    CHECK_FALSE(Date::parse("2024/01/01"));
    CHECK_FALSE(Date::parse("20240101"));
    CHECK_FALSE(Date::parse(""));
    CHECK_FALSE(Date::parse("1899-12-31"));
}

TEST_CASE("date arithmetic", "[date]") {
    const Date d = *Date::parse("2024-01-31");
    CHECK(d.add_days(1).iso() == "2024-02-01");
    CHECK(d.add_days(-31).iso() == "2023-12-31");
    CHECK(d.add_months(1).iso() == "2024-02-29");  // clamped to the month's end
    CHECK(d.add_months(13).iso() == "2025-02-28");
    CHECK(d.add_months(-2).iso() == "2023-11-30");
    CHECK(d.add_years(2).iso() == "2026-01-31");
    CHECK(Date::parse("2024-02-29")->add_years(1).iso() == "2025-02-28");
    CHECK(d.first_of_month().iso() == "2024-01-01");
    CHECK(d.end_of_year().iso() == "2024-12-31");
    CHECK(Date::parse("2023-02-10")->end_of_month().iso() == "2023-02-28");
    CHECK(d.year() == 2024);
    CHECK(d.month() == 1);
    CHECK(d.day() == 31);
}

TEST_CASE("dates compare by day", "[date]") {
    CHECK(*Date::parse("2023-06-01") < *Date::parse("2023-06-02"));
    CHECK(*Date::parse("2023-06-01") == *Date::parse("01-06-2023"));
    CHECK(Date::parse("2024-01-01")->days() - Date::parse("2023-01-01")->days() == 365);
}
