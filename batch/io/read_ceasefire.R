# Readers of the Ceasefire output files for R: base R and readr.
# Generated from the table registry by `python -m ceasefire.batch.cli.codebook`:
# do not edit. Get a copy with `ceasefire readers --out DIR`.
#
#   source("read_ceasefire.R")
#   steps <- read_ceasefire("output/run/steps.csv")        # base R: a data.frame
#   steps <- read_ceasefire_readr("output/run/steps.csv")  # readr: a tibble
#
# Every column gets its declared type, even when it is all empty: integer -> integer,
# number -> double, string -> character, date -> Date, boolean -> integer 0/1, and seed ->
# double (exact, but beyond R's 32-bit integers). An empty field is NA; text such as "NA"
# stays text. The table is found from the file name (a file in plots/ is plots/NAME); pass
# `table =` for a renamed file. A value that does not fit its type, or a column the table
# does not declare, is an error.

ceasefire_tables <- list(
  "runs" = c(
    run_id = "integer",
    scenario = "string",
    design_point = "integer",
    replication = "integer",
    seed = "integer",
    fatf_offer = "number",
    india_restraint = "number",
    sst_threat = "number",
    csf_release = "number",
    conditionality = "number",
    withdrawal_week = "integer",
    blowback_fear = "number",
    establishment_sympathy = "number",
    hardliner_share = "number",
    pakistan_pressure_set = "number",
    map = "string",
    taliban_fighters = "integer",
    andsf_personnel = "integer",
    us_air_support = "number",
    initial_items = "integer",
    government_faith = "number",
    taliban_war_price = "number",
    government_war_price = "number",
    commander_value = "number",
    hardliner_optimism = "number",
    hardliner_exposure = "number",
    hardliner_veto_weight = "number",
    hardliner_veto_spread = "number",
    taliban_us_exit_belief = "number",
    eid_truce_value = "number",
    pakistan_belief_effect = "number",
    surrender_deal_rate = "number",
    bandwagon_weight = "number",
    fragmentation_prob = "number",
    coalescence_rate = "number",
    lethality = "number",
    recruitment_rate = "number",
    seasonality = "number",
    mech_sanctuary_recovery = "boolean",
    mech_border_interdiction = "boolean",
    mech_sanctuary_resupply = "boolean",
    mech_madrassa_pipeline = "boolean",
    mech_leadership_arrests = "boolean",
    mech_us_credibility = "boolean",
    mech_us_observation_noise = "boolean",
    mech_audience_cost = "boolean",
    mech_miller_effect = "boolean",
    mech_ttp_blowback = "boolean",
    mech_haven_foresight = "boolean",
    mech_designation = "boolean",
    mech_winter_passes = "boolean",
    mech_part_time_fighters = "boolean",
    mech_harvest_tax = "boolean",
    mech_belief_learning = "boolean",
    mech_mutual_optimism = "boolean",
    mech_commitment_problem = "boolean",
    mech_ripeness = "boolean",
    mech_agenda_retraction = "boolean",
    mech_trust = "boolean",
    mech_spoiler_faction = "boolean",
    mech_holiday_truces = "boolean",
    mech_private_signals = "boolean",
    mech_hardliner_veto = "boolean",
    mech_settlement_value = "boolean",
    mech_surrender_deals = "boolean",
    mech_surrender_cascade = "boolean",
    mech_amnesty = "boolean",
    mech_contractor_logistics = "boolean",
    mech_unpaid_salaries = "boolean",
    mech_customs_revenue = "boolean",
    mech_elite_cascade = "boolean",
    mech_bandwagon = "boolean",
    mech_standing_deals = "boolean",
    mech_consolidation = "boolean",
    mech_campaign_timing = "boolean",
    mech_capitals_last = "boolean",
    mech_campaign_targets = "boolean",
    mech_campaign_pull = "boolean",
    mech_desertion = "boolean",
    mech_complex_attacks = "boolean",
    mean_weekly_fatalities = "number",
    total_civilian_casualties = "integer",
    final_negotiation_progress = "number",
    mean_negotiation_progress = "number",
    weeks_to_ceasefire = "integer",
    first_ceasefire_weeks = "integer",
    ceasefire_held = "boolean",
    ceasefire_began = "boolean",
    ceasefire_within_52 = "boolean",
    ceasefire_episodes = "integer",
    ceasefire_breaks_taliban = "integer",
    ceasefire_breaks_government = "integer",
    truce_count = "integer",
    max_agenda_items = "integer",
    weeks_range_open = "integer",
    leadership_keeps_deals = "boolean",
    taliban_takeover = "boolean",
    weeks_to_takeover = "integer",
    first_capital_week = "integer",
    mean_pakistan_pressure = "number",
    status = "string",
    error = "string"
  ),
  "steps" = c(
    run_id = "integer",
    step = "integer",
    date = "date",
    violent_events = "integer",
    fatalities = "integer",
    civilian_casualties = "integer",
    negotiation_progress = "number",
    ceasefire = "boolean",
    agenda_items = "integer",
    items_agreed = "integer",
    items_retracted = "integer",
    truce_days = "integer",
    pause_kind = "string",
    taliban_fall_belief = "number",
    government_fall_belief = "number",
    taliban_expected_share = "number",
    government_expected_share = "number",
    taliban_war_cost = "number",
    government_war_cost = "number",
    bargaining_surplus = "number",
    commitment_gap = "number",
    range_width = "number",
    range_open = "number",
    range_capitulation = "boolean",
    ripeness = "number",
    government_trust = "number",
    hardliner_weight = "number",
    pakistan_pressure = "number",
    taliban_strength = "number",
    fighters_at_home = "number",
    andsf_strength = "number",
    taliban_control_share = "number",
    sanctuary_capacity = "number",
    displaced = "number",
    taliban_posture = "number",
    command_capacity = "number",
    commanders_arrested = "integer",
    mean_fatigue = "number",
    border_crossings = "integer",
    fighters_detained = "number",
    pakistan_target = "number",
    us_credibility = "number",
    us_threat_credibility = "number",
    us_review = "boolean",
    us_paid = "boolean",
    pakistan_designated = "boolean",
    ttp_attacks = "integer",
    ttp_deaths = "integer",
    ttp_fighters = "number",
    us_troops_present = "boolean",
    taliban_deaths = "integer",
    andsf_deaths = "integer",
    garrisons_lost = "integer",
    spoiler_attacks = "integer",
    complex_attacks = "integer",
    districts_taliban = "integer",
    capitals_taliban = "integer",
    crossings_taliban = "integer",
    customs_lost = "number",
    surrender_deals = "integer",
    andsf_deserters = "number",
    amnesty_credibility = "number",
    contractor_presence = "number",
    air_force_readiness = "number",
    government_cohesion = "number",
    brokers_defected = "integer",
    taliban_takeover = "boolean",
    fatf_offer = "number",
    india_restraint = "number",
    sst_threat = "number",
    csf_release = "number",
    conditionality = "number",
    withdrawal_week = "integer",
    blowback_fear = "number",
    establishment_sympathy = "number",
    hardliner_share = "number",
    pakistan_pressure_set = "number"
  ),
  "events" = c(
    event_id = "integer",
    run_id = "integer",
    step = "integer",
    date_start = "date",
    date_end = "date",
    date_prec = "integer",
    latitude = "number",
    longitude = "number",
    priogrid_gid = "integer",
    country = "string",
    admin1 = "string",
    district_id = "string",
    type_of_violence = "integer",
    side_a = "string",
    side_b = "string",
    deaths_a = "integer",
    deaths_b = "integer",
    deaths_civilians = "integer",
    deaths_unknown = "integer",
    best = "integer",
    civilians_injured = "integer",
    event_kind = "string",
    initiator = "string"
  ),
  "cells" = c(
    run_id = "integer",
    month_id = "integer",
    priogrid_gid = "integer",
    days_covered = "integer",
    ged_best_sb = "number",
    ged_best_os = "number",
    ged_best = "number",
    events = "number"
  ),
  "district_weeks" = c(
    run_id = "integer",
    step = "integer",
    date = "date",
    district_id = "string",
    district = "string",
    province = "string",
    is_provincial_capital = "boolean",
    holder = "string",
    fell = "boolean",
    fall_kind = "string",
    garrison_strength = "number",
    morale = "number",
    supply = "number",
    arrears_months = "number",
    threat = "number",
    isolation = "number",
    cascade = "number",
    deal_hazard = "number",
    broker_loyal = "boolean"
  ),
  "district_falls" = c(
    run_id = "integer",
    district_id = "string",
    district = "string",
    province = "string",
    is_provincial_capital = "boolean",
    fall_step = "integer",
    fall_date = "date",
    fall_kind = "string"
  ),
  "design" = c(
    design_point = "integer",
    fatf_offer = "number",
    india_restraint = "number",
    sst_threat = "number",
    csf_release = "number",
    conditionality = "number",
    withdrawal_week = "number",
    blowback_fear = "number",
    establishment_sympathy = "number",
    hardliner_share = "number",
    pakistan_pressure_set = "number",
    map = "string",
    taliban_fighters = "number",
    andsf_personnel = "number",
    us_air_support = "number",
    initial_items = "number",
    government_faith = "number",
    taliban_war_price = "number",
    government_war_price = "number",
    commander_value = "number",
    hardliner_optimism = "number",
    hardliner_exposure = "number",
    hardliner_veto_weight = "number",
    hardliner_veto_spread = "number",
    taliban_us_exit_belief = "number",
    eid_truce_value = "number",
    pakistan_belief_effect = "number",
    surrender_deal_rate = "number",
    bandwagon_weight = "number",
    fragmentation_prob = "number",
    coalescence_rate = "number",
    lethality = "number",
    recruitment_rate = "number",
    seasonality = "number",
    mech_sanctuary_recovery = "number",
    mech_border_interdiction = "number",
    mech_sanctuary_resupply = "number",
    mech_madrassa_pipeline = "number",
    mech_leadership_arrests = "number",
    mech_us_credibility = "number",
    mech_us_observation_noise = "number",
    mech_audience_cost = "number",
    mech_miller_effect = "number",
    mech_ttp_blowback = "number",
    mech_haven_foresight = "number",
    mech_designation = "number",
    mech_winter_passes = "number",
    mech_part_time_fighters = "number",
    mech_harvest_tax = "number",
    mech_belief_learning = "number",
    mech_mutual_optimism = "number",
    mech_commitment_problem = "number",
    mech_ripeness = "number",
    mech_agenda_retraction = "number",
    mech_trust = "number",
    mech_spoiler_faction = "number",
    mech_holiday_truces = "number",
    mech_private_signals = "number",
    mech_hardliner_veto = "number",
    mech_settlement_value = "number",
    mech_surrender_deals = "number",
    mech_surrender_cascade = "number",
    mech_amnesty = "number",
    mech_contractor_logistics = "number",
    mech_unpaid_salaries = "number",
    mech_customs_revenue = "number",
    mech_elite_cascade = "number",
    mech_bandwagon = "number",
    mech_standing_deals = "number",
    mech_consolidation = "number",
    mech_campaign_timing = "number",
    mech_capitals_last = "number",
    mech_campaign_targets = "number",
    mech_campaign_pull = "number",
    mech_desertion = "number",
    mech_complex_attacks = "number"
  ),
  "lever_changes" = c(
    step = "integer",
    lever = "string",
    old = "string",
    new = "string",
    source = "string"
  ),
  "comparison" = c(
    scenario = "string",
    runs = "integer",
    mean_weekly_fatalities = "number",
    mean_weekly_fatalities_low = "number",
    mean_weekly_fatalities_high = "number",
    total_civilian_casualties = "number",
    total_civilian_casualties_low = "number",
    total_civilian_casualties_high = "number",
    final_negotiation_progress = "number",
    final_negotiation_progress_low = "number",
    final_negotiation_progress_high = "number",
    ceasefire_within_52 = "number",
    ceasefire_within_52_low = "number",
    ceasefire_within_52_high = "number",
    ceasefire_held = "number",
    ceasefire_held_low = "number",
    ceasefire_held_high = "number",
    fatalities_vs_first = "number",
    fatalities_vs_first_low = "number",
    fatalities_vs_first_high = "number"
  ),
  "plots/violence_vs_negotiation" = c(
    kind = "string",
    run_id = "integer",
    color_lever = "string",
    stratum = "string",
    level = "string",
    level_value = "number",
    n = "integer",
    final_negotiation_progress = "number",
    final_negotiation_progress_low = "number",
    final_negotiation_progress_high = "number",
    mean_weekly_fatalities = "number",
    mean_weekly_fatalities_low = "number",
    mean_weekly_fatalities_high = "number"
  ),
  "plots/lever_effects" = c(
    factor = "string",
    level = "string",
    level_value = "number",
    binned = "boolean",
    bin_low = "number",
    bin_high = "number",
    output = "string",
    interval = "string",
    n = "integer",
    mean = "number",
    low = "number",
    high = "number"
  ),
  "plots/timeseries" = c(
    color_lever = "string",
    level = "string",
    level_value = "number",
    step = "integer",
    date = "date",
    output = "string",
    n = "integer",
    mean = "number",
    low = "number",
    high = "number"
  ),
  "plots/heatmap" = c(
    lever_x = "string",
    level_x = "string",
    lever_y = "string",
    level_y = "string",
    output = "string",
    n = "integer",
    mean = "number",
    low = "number",
    high = "number"
  ),
  "sensitivity_sobol" = c(
    output = "string",
    parameter = "string",
    s1 = "number",
    s1_conf = "number",
    st = "number",
    st_conf = "number",
    note = "string"
  ),
  "sensitivity_morris" = c(
    output = "string",
    parameter = "string",
    mu = "number",
    mu_star = "number",
    mu_star_conf = "number",
    sigma = "number",
    note = "string"
  ),
  "sensitivity_oat" = c(
    output = "string",
    parameter = "string",
    level = "string",
    runs = "integer",
    mean = "number",
    mean_low = "number",
    mean_high = "number",
    difference = "number",
    difference_low = "number",
    difference_high = "number",
    pairs = "integer"
  ),
  "patterns" = c(
    pattern = "string",
    statistic = "string",
    mean = "number",
    mean_low = "number",
    mean_high = "number",
    runs = "integer",
    reference = "string",
    source = "string",
    tolerance = "string",
    passed = "boolean",
    tuned = "string",
    map = "string"
  ),
  "lever_effects" = c(
    contrast = "string",
    claim = "string",
    measure = "string",
    low_arm = "number",
    high_arm = "number",
    effect = "number",
    effect_low = "number",
    effect_high = "number",
    pairs = "integer",
    expected_sign = "integer",
    verdict = "string",
    basis = "string"
  ),
  "negotiation_shock" = c(
    measure = "string",
    n = "integer",
    mean = "number",
    mean_low = "number",
    mean_high = "number"
  ),
  "event_size_fits" = c(
    map = "string",
    run_id = "integer",
    alpha = "number",
    xmin = "number",
    tail_events = "integer",
    r_lognormal = "number",
    p_lognormal = "number",
    r_stretched = "number",
    p_stretched = "number"
  ),
  "monthly_profile" = c(
    month = "integer",
    fatalities = "number",
    fatalities_low = "number",
    fatalities_high = "number",
    runs = "integer"
  ),
  "ablation" = c(
    arm = "string",
    quantity = "string",
    output = "string",
    estimate = "number",
    estimate_low = "number",
    estimate_high = "number",
    pairs = "integer",
    carried = "number",
    carried_low = "number",
    carried_high = "number",
    carried_share = "number",
    pair_correlation = "number"
  )
)

ceasefire_wide_integers <- c("seed")

ceasefire_table_of <- function(path) {
  stem <- sub("\\.csv$", "", basename(path))
  plotted <- paste0(basename(dirname(path)), "/", stem)
  if (plotted %in% names(ceasefire_tables)) plotted else stem
}

ceasefire_columns <- function(path, table = NULL) {
  if (is.null(table)) table <- ceasefire_table_of(path)
  types <- ceasefire_tables[[table]]
  if (is.null(types)) {
    stop(sprintf("unknown table '%s'; known tables: %s", table,
                 paste(names(ceasefire_tables), collapse = ", ")), call. = FALSE)
  }
  header <- strsplit(readLines(path, n = 1L, encoding = "UTF-8", warn = FALSE), ",",
                     fixed = TRUE)[[1]]
  unknown <- setdiff(header, names(types))
  if (length(unknown) > 0L) {
    stop(sprintf("%s: columns not declared for table '%s': %s", path, table,
                 paste(unknown, collapse = ", ")), call. = FALSE)
  }
  types <- types[header]
  types[names(types) %in% ceasefire_wide_integers] <- "number"
  types
}

ceasefire_check <- function(frame, types, path) {
  for (name in names(types)[types == "boolean"]) {
    if (!all(frame[[name]] %in% c(0L, 1L, NA))) {
      stop(sprintf("%s: column '%s' holds values other than 0 and 1", path, name),
           call. = FALSE)
    }
  }
  frame
}

read_ceasefire <- function(path, table = NULL) {
  types <- ceasefire_columns(path, table)
  classes <- c(integer = "integer", number = "numeric", string = "character",
               date = "character", boolean = "integer")[types]
  names(classes) <- names(types)
  frame <- utils::read.csv(path, colClasses = classes, na.strings = "", check.names = FALSE,
                           fileEncoding = "UTF-8", strip.white = FALSE)
  for (name in names(types)[types == "date"]) {
    text <- frame[[name]]
    bad <- !is.na(text) & !grepl("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", text)
    if (any(bad)) {
      stop(sprintf("%s: column '%s' holds '%s', not a date YYYY-MM-DD", path, name,
                   text[bad][1]), call. = FALSE)
    }
    frame[[name]] <- as.Date(text, format = "%Y-%m-%d")
  }
  ceasefire_check(frame, types, path)
}

read_ceasefire_readr <- function(path, table = NULL) {
  types <- ceasefire_columns(path, table)
  letters <- c(integer = "i", number = "d", string = "c", date = "D", boolean = "i")[types]
  frame <- suppressWarnings(readr::read_csv(
    path, col_types = paste(letters, collapse = ""), na = "", trim_ws = FALSE,
    locale = readr::locale(encoding = "UTF-8"), progress = FALSE, lazy = FALSE
  ))
  problems <- readr::problems(frame)
  if (nrow(problems) > 0L) {
    stop(sprintf("%s: row %d, column %d: expected %s, got '%s'", path, problems$row[1],
                 problems$col[1], problems$expected[1], problems$actual[1]), call. = FALSE)
  }
  ceasefire_check(frame, types, path)
}
