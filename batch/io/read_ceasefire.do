* Reader of the Ceasefire output files for Stata (16 or later).
* Generated from the table registry by `python -m ceasefire.batch.cli.codebook`:
* do not edit. Get a copy with `ceasefire readers --out DIR`.
*
*   do read_ceasefire.do
*   read_ceasefire using "output/run/steps.csv", table(steps) clear
*   read_ceasefire using "output/sweep/plots/timeseries.csv", table(plots/timeseries) clear
*
* Every column gets its declared type, even when it is all empty: integer -> long,
* number -> double (seed too: it exceeds long), string -> str, date -> daily date (%td),
* boolean -> byte 0/1. An empty field is missing (. or ""). Variables are labelled with the
* codebook's descriptions (cut to 80 characters). A value that does not fit its type, or a
* column the table does not declare, is an error.

capture program drop read_ceasefire
program define read_ceasefire
    version 16
    syntax using/, TABle(string) [clear]
    if `"`table'"' == "runs" {
        local c_int "run_id design_point replication withdrawal_week taliban_fighters andsf_personnel initial_items total_civilian_casualties weeks_to_ceasefire first_ceasefire_weeks ceasefire_episodes ceasefire_breaks_taliban ceasefire_breaks_government truce_count max_agenda_items weeks_range_open weeks_to_takeover first_capital_week"
        local c_num "seed fatf_offer india_restraint sst_threat csf_release conditionality blowback_fear establishment_sympathy hardliner_share pakistan_pressure_set us_air_support government_faith taliban_war_price government_war_price commander_value hardliner_optimism hardliner_exposure hardliner_veto_weight hardliner_veto_spread taliban_us_exit_belief eid_truce_value pakistan_belief_effect surrender_deal_rate bandwagon_weight fragmentation_prob coalescence_rate lethality recruitment_rate seasonality mean_weekly_fatalities final_negotiation_progress mean_negotiation_progress mean_pakistan_pressure"
        local c_str "scenario map status error"
        local c_date ""
        local c_bool "mech_sanctuary_recovery mech_border_interdiction mech_sanctuary_resupply mech_madrassa_pipeline mech_leadership_arrests mech_us_credibility mech_us_observation_noise mech_audience_cost mech_miller_effect mech_ttp_blowback mech_haven_foresight mech_designation mech_winter_passes mech_part_time_fighters mech_harvest_tax mech_belief_learning mech_mutual_optimism mech_commitment_problem mech_ripeness mech_agenda_retraction mech_trust mech_spoiler_faction mech_holiday_truces mech_private_signals mech_hardliner_veto mech_settlement_value mech_surrender_deals mech_surrender_cascade mech_amnesty mech_contractor_logistics mech_unpaid_salaries mech_customs_revenue mech_elite_cascade mech_bandwagon mech_standing_deals mech_consolidation mech_campaign_timing mech_capitals_last mech_campaign_targets mech_campaign_pull mech_desertion mech_complex_attacks ceasefire_held ceasefire_began ceasefire_within_52 leadership_keeps_deals taliban_takeover"
    }
    else if `"`table'"' == "steps" {
        local c_int "run_id step violent_events fatalities civilian_casualties agenda_items items_agreed items_retracted truce_days commanders_arrested border_crossings ttp_attacks ttp_deaths taliban_deaths andsf_deaths garrisons_lost spoiler_attacks complex_attacks districts_taliban capitals_taliban crossings_taliban surrender_deals brokers_defected withdrawal_week"
        local c_num "negotiation_progress taliban_fall_belief government_fall_belief taliban_expected_share government_expected_share taliban_war_cost government_war_cost bargaining_surplus commitment_gap range_width range_open ripeness government_trust hardliner_weight pakistan_pressure taliban_strength fighters_at_home andsf_strength taliban_control_share sanctuary_capacity displaced taliban_posture command_capacity mean_fatigue fighters_detained pakistan_target us_credibility us_threat_credibility ttp_fighters customs_lost andsf_deserters amnesty_credibility contractor_presence air_force_readiness government_cohesion fatf_offer india_restraint sst_threat csf_release conditionality blowback_fear establishment_sympathy hardliner_share pakistan_pressure_set"
        local c_str "pause_kind"
        local c_date "date"
        local c_bool "ceasefire range_capitulation us_review us_paid pakistan_designated us_troops_present taliban_takeover"
    }
    else if `"`table'"' == "events" {
        local c_int "event_id run_id step date_prec priogrid_gid type_of_violence deaths_a deaths_b deaths_civilians deaths_unknown best civilians_injured"
        local c_num "latitude longitude"
        local c_str "country admin1 district_id side_a side_b event_kind initiator"
        local c_date "date_start date_end"
        local c_bool ""
    }
    else if `"`table'"' == "cells" {
        local c_int "run_id month_id priogrid_gid days_covered"
        local c_num "ged_best_sb ged_best_os ged_best events"
        local c_str ""
        local c_date ""
        local c_bool ""
    }
    else if `"`table'"' == "district_weeks" {
        local c_int "run_id step"
        local c_num "garrison_strength morale supply arrears_months threat isolation cascade deal_hazard"
        local c_str "district_id district province holder fall_kind"
        local c_date "date"
        local c_bool "is_provincial_capital fell broker_loyal"
    }
    else if `"`table'"' == "district_falls" {
        local c_int "run_id fall_step"
        local c_num ""
        local c_str "district_id district province fall_kind"
        local c_date "fall_date"
        local c_bool "is_provincial_capital"
    }
    else if `"`table'"' == "design" {
        local c_int "design_point"
        local c_num "fatf_offer india_restraint sst_threat csf_release conditionality withdrawal_week blowback_fear establishment_sympathy hardliner_share pakistan_pressure_set taliban_fighters andsf_personnel us_air_support initial_items government_faith taliban_war_price government_war_price commander_value hardliner_optimism hardliner_exposure hardliner_veto_weight hardliner_veto_spread taliban_us_exit_belief eid_truce_value pakistan_belief_effect surrender_deal_rate bandwagon_weight fragmentation_prob coalescence_rate lethality recruitment_rate seasonality mech_sanctuary_recovery mech_border_interdiction mech_sanctuary_resupply mech_madrassa_pipeline mech_leadership_arrests mech_us_credibility mech_us_observation_noise mech_audience_cost mech_miller_effect mech_ttp_blowback mech_haven_foresight mech_designation mech_winter_passes mech_part_time_fighters mech_harvest_tax mech_belief_learning mech_mutual_optimism mech_commitment_problem mech_ripeness mech_agenda_retraction mech_trust mech_spoiler_faction mech_holiday_truces mech_private_signals mech_hardliner_veto mech_settlement_value mech_surrender_deals mech_surrender_cascade mech_amnesty mech_contractor_logistics mech_unpaid_salaries mech_customs_revenue mech_elite_cascade mech_bandwagon mech_standing_deals mech_consolidation mech_campaign_timing mech_capitals_last mech_campaign_targets mech_campaign_pull mech_desertion mech_complex_attacks"
        local c_str "map"
        local c_date ""
        local c_bool ""
    }
    else if `"`table'"' == "lever_changes" {
        local c_int "step"
        local c_num ""
        local c_str "lever old new source"
        local c_date ""
        local c_bool ""
    }
    else if `"`table'"' == "comparison" {
        local c_int "runs"
        local c_num "mean_weekly_fatalities mean_weekly_fatalities_low mean_weekly_fatalities_high total_civilian_casualties total_civilian_casualties_low total_civilian_casualties_high final_negotiation_progress final_negotiation_progress_low final_negotiation_progress_high ceasefire_within_52 ceasefire_within_52_low ceasefire_within_52_high ceasefire_held ceasefire_held_low ceasefire_held_high fatalities_vs_first fatalities_vs_first_low fatalities_vs_first_high"
        local c_str "scenario"
        local c_date ""
        local c_bool ""
    }
    else if `"`table'"' == "plots/violence_vs_negotiation" {
        local c_int "run_id n"
        local c_num "level_value final_negotiation_progress final_negotiation_progress_low final_negotiation_progress_high mean_weekly_fatalities mean_weekly_fatalities_low mean_weekly_fatalities_high"
        local c_str "kind color_lever stratum level"
        local c_date ""
        local c_bool ""
    }
    else if `"`table'"' == "plots/lever_effects" {
        local c_int "n"
        local c_num "level_value bin_low bin_high mean low high"
        local c_str "factor level output interval"
        local c_date ""
        local c_bool "binned"
    }
    else if `"`table'"' == "plots/timeseries" {
        local c_int "step n"
        local c_num "level_value mean low high"
        local c_str "color_lever level output"
        local c_date "date"
        local c_bool ""
    }
    else if `"`table'"' == "plots/heatmap" {
        local c_int "n"
        local c_num "mean low high"
        local c_str "lever_x level_x lever_y level_y output"
        local c_date ""
        local c_bool ""
    }
    else if `"`table'"' == "sensitivity_sobol" {
        local c_int ""
        local c_num "s1 s1_conf st st_conf"
        local c_str "output parameter note"
        local c_date ""
        local c_bool ""
    }
    else if `"`table'"' == "sensitivity_morris" {
        local c_int ""
        local c_num "mu mu_star mu_star_conf sigma"
        local c_str "output parameter note"
        local c_date ""
        local c_bool ""
    }
    else if `"`table'"' == "sensitivity_oat" {
        local c_int "runs pairs"
        local c_num "mean mean_low mean_high difference difference_low difference_high"
        local c_str "output parameter level"
        local c_date ""
        local c_bool ""
    }
    else if `"`table'"' == "patterns" {
        local c_int "runs"
        local c_num "mean mean_low mean_high"
        local c_str "pattern statistic reference source tolerance tuned map"
        local c_date ""
        local c_bool "passed"
    }
    else if `"`table'"' == "lever_effects" {
        local c_int "pairs expected_sign"
        local c_num "low_arm high_arm effect effect_low effect_high"
        local c_str "contrast claim measure verdict basis"
        local c_date ""
        local c_bool ""
    }
    else if `"`table'"' == "negotiation_shock" {
        local c_int "n"
        local c_num "mean mean_low mean_high"
        local c_str "measure"
        local c_date ""
        local c_bool ""
    }
    else if `"`table'"' == "event_size_fits" {
        local c_int "run_id tail_events"
        local c_num "alpha xmin r_lognormal p_lognormal r_stretched p_stretched"
        local c_str "map"
        local c_date ""
        local c_bool ""
    }
    else if `"`table'"' == "monthly_profile" {
        local c_int "month runs"
        local c_num "fatalities fatalities_low fatalities_high"
        local c_str ""
        local c_date ""
        local c_bool ""
    }
    else if `"`table'"' == "ablation" {
        local c_int "pairs"
        local c_num "estimate estimate_low estimate_high carried carried_low carried_high carried_share pair_correlation"
        local c_str "arm quantity output"
        local c_date ""
        local c_bool ""
    }
    else {
        display as error `"unknown table `table'; known tables: runs steps events cells district_weeks district_falls design lever_changes comparison plots/violence_vs_negotiation plots/lever_effects plots/timeseries plots/heatmap sensitivity_sobol sensitivity_morris sensitivity_oat patterns lever_effects negotiation_shock event_size_fits monthly_profile ablation"'
        exit 198
    }
    quietly import delimited using `"`using'"', `clear' varnames(1) case(preserve) ///
        encoding("utf-8") bindquote(strict) delimiters(",") stringcols(_all)
    local declared `c_int' `c_num' `c_str' `c_date' `c_bool'
    unab present : _all
    foreach v of local present {
        if !`: list v in declared' {
            display as error `"`using': column `v' is not declared for table `table'"'
            exit 198
        }
    }
    foreach v of local present {
        if `: list v in c_int' _ceasefire_numeric `v' `"`using'"' long
        if `: list v in c_num' _ceasefire_numeric `v' `"`using'"' double
        if `: list v in c_bool' _ceasefire_numeric `v' `"`using'"' byte
        if `: list v in c_date' {
            tempvar day
            quietly generate double `day' = date(`v', "YMD")
            quietly count if missing(`day') & `v' != ""
            if r(N) {
                display as error `"`using': column `v' holds text that is not a date YYYY-MM-DD"'
                exit 459
            }
            drop `v'
            rename `day' `v'
            format `v' %td
        }
    }
    order `present'
    if `"`table'"' == "runs" {
        capture confirm variable run_id, exact
        if !_rc label variable run_id "Run identifier (design_point * reps + replication)"
        capture confirm variable scenario, exact
        if !_rc label variable scenario "Scenario the run starts from: a preset's name, or a scenario file's name (its..."
        capture confirm variable design_point, exact
        if !_rc label variable design_point "Index of the design point (row of design.csv)"
        capture confirm variable replication, exact
        if !_rc label variable replication "Replication number at the design point, from 0"
        capture confirm variable seed, exact
        if !_rc label variable seed "Seed of the run: the same for a replication at every design point (< 2**53)"
        capture confirm variable fatf_offer, exact
        if !_rc label variable fatf_offer "Parameter at the start: US support for Pakistan's exit from the FATF grey lis..."
        capture confirm variable india_restraint, exact
        if !_rc label variable india_restraint "Parameter at the start: US keeps India at arm's length in Afghanistan (1 = fi..."
        capture confirm variable sst_threat, exact
        if !_rc label variable sst_threat "Parameter at the start: Threat of a state-sponsor-of-terrorism designation (1..."
        capture confirm variable csf_release, exact
        if !_rc label variable csf_release "Parameter at the start: Coalition Support Fund money released to Pakistan (1 ..."
        capture confirm variable conditionality, exact
        if !_rc label variable conditionality "Parameter at the start: Share of US rewards tied to results (1 = all, 0 = no ..."
        capture confirm variable withdrawal_week, exact
        if !_rc label variable withdrawal_week "Parameter at the start: Last week with US troops in Afghanistan (none = they ..."
        capture confirm variable blowback_fear, exact
        if !_rc label variable blowback_fear "Parameter at the start: Pakistan's fear of TTP blowback from cracking down"
        capture confirm variable establishment_sympathy, exact
        if !_rc label variable establishment_sympathy "Parameter at the start: Sympathy for the Taliban in Pakistan's establishment"
        capture confirm variable hardliner_share, exact
        if !_rc label variable hardliner_share "Parameter at the start: Weight of hardliners (Haibatullah, military commission)"
        capture confirm variable pakistan_pressure_set, exact
        if !_rc label variable pakistan_pressure_set "Parameter at the start: Pakistani pressure on the sanctuaries: 'auto' = chose..."
        capture confirm variable map, exact
        if !_rc label variable map "Parameter at the start: Map resolution: fine = 0.125 deg (default), coarse = ..."
        capture confirm variable taliban_fighters, exact
        if !_rc label variable taliban_fighters "Parameter at the start: Initial Taliban fighters in Afghanistan and the sanct..."
        capture confirm variable andsf_personnel, exact
        if !_rc label variable andsf_personnel "Parameter at the start: Initial effective ANDSF personnel (not the payroll fi..."
        capture confirm variable us_air_support, exact
        if !_rc label variable us_air_support "Parameter at the start: Combat multiplier of US air support while troops stay"
        capture confirm variable initial_items, exact
        if !_rc label variable initial_items "Parameter at the start: Agenda items agreed at the start (Feb 2021), of six i..."
        capture confirm variable government_faith, exact
        if !_rc label variable government_faith "Parameter at the start: How far the Afghan government believes the ANDSF woul..."
        capture confirm variable taliban_war_price, exact
        if !_rc label variable taliban_war_price "Parameter at the start: Share of their own force the Taliban would give up to..."
        capture confirm variable government_war_price, exact
        if !_rc label variable government_war_price "Parameter at the start: Share of its own force the Afghan government would gi..."
        capture confirm variable commander_value, exact
        if !_rc label variable commander_value "Parameter at the start: Fighters an arrested senior Taliban commander is wort..."
        capture confirm variable hardliner_optimism, exact
        if !_rc label variable hardliner_optimism "Parameter at the start: Relative rise of the hardliners' prior fall hazards o..."
        capture confirm variable hardliner_exposure, exact
        if !_rc label variable hardliner_exposure "Parameter at the start: Share of hardliner commanders living in Pakistan's sa..."
        capture confirm variable hardliner_veto_weight, exact
        if !_rc label variable hardliner_veto_weight "Parameter at the start: The hardliners' weight in the leadership at which the..."
        capture confirm variable hardliner_veto_spread, exact
        if !_rc label variable hardliner_veto_spread "Parameter at the start: Standard deviation of the hardliners' unseen pull in ..."
        capture confirm variable taliban_us_exit_belief, exact
        if !_rc label variable taliban_us_exit_belief "Parameter at the start: The Taliban's prior mean hazard that US troops leave,..."
        capture confirm variable eid_truce_value, exact
        if !_rc label variable eid_truce_value "Parameter at the start: Legitimacy value of an Eid truce to each side, per tr..."
        capture confirm variable pakistan_belief_effect, exact
        if !_rc label variable pakistan_belief_effect "Parameter at the start: Share by which Pakistan believes full pressure would ..."
        capture confirm variable surrender_deal_rate, exact
        if !_rc label variable surrender_deal_rate "Parameter at the start: Weekly hazard that a garrison negotiates its surrende..."
        capture confirm variable bandwagon_weight, exact
        if !_rc label variable bandwagon_weight "Parameter at the start: Weight of the national picture (brokers gone, capital..."
        capture confirm variable fragmentation_prob, exact
        if !_rc label variable fragmentation_prob "Parameter at the start: Probability that a Taliban unit disperses into sectio..."
        capture confirm variable coalescence_rate, exact
        if !_rc label variable coalescence_rate "Parameter at the start: Weekly rate at which a fighting unit of 100 fighters ..."
        capture confirm variable lethality, exact
        if !_rc label variable lethality "Parameter at the start: Scale of deaths per engagement (calibration constant)"
        capture confirm variable recruitment_rate, exact
        if !_rc label variable recruitment_rate "Parameter at the start: Scale of weekly Taliban recruitment (local and sanctu..."
        capture confirm variable seasonality, exact
        if !_rc label variable seasonality "Parameter at the start: Amplitude of the fighting season (0 = none)"
        capture confirm variable mech_sanctuary_recovery, exact
        if !_rc label variable mech_sanctuary_recovery "Parameter at the start: Mechanism on (1) or off (0): Fatigued units rotate to..."
        capture confirm variable mech_border_interdiction, exact
        if !_rc label variable mech_border_interdiction "Parameter at the start: Mechanism on (1) or off (0): Units crossing the Duran..."
        capture confirm variable mech_sanctuary_resupply, exact
        if !_rc label variable mech_sanctuary_resupply "Parameter at the start: Mechanism on (1) or off (0): Units in a sanctuary res..."
        capture confirm variable mech_madrassa_pipeline, exact
        if !_rc label variable mech_madrassa_pipeline "Parameter at the start: Mechanism on (1) or off (0): Sanctuaries send recruit..."
        capture confirm variable mech_leadership_arrests, exact
        if !_rc label variable mech_leadership_arrests "Parameter at the start: Mechanism on (1) or off (0): Pakistani pressure leads..."
        capture confirm variable mech_us_credibility, exact
        if !_rc label variable mech_us_credibility "Parameter at the start: Mechanism on (1) or off (0): Pakistan's belief that W..."
        capture confirm variable mech_us_observation_noise, exact
        if !_rc label variable mech_us_observation_noise "Parameter at the start: Mechanism on (1) or off (0): Washington observes viol..."
        capture confirm variable mech_audience_cost, exact
        if !_rc label variable mech_audience_cost "Parameter at the start: Mechanism on (1) or off (0): Complying with a public ..."
        capture confirm variable mech_miller_effect, exact
        if !_rc label variable mech_miller_effect "Parameter at the start: Mechanism on (1) or off (0): A US decision to stay ra..."
        capture confirm variable mech_ttp_blowback, exact
        if !_rc label variable mech_ttp_blowback "Parameter at the start: Mechanism on (1) or off (0): The Pakistani Taliban (T..."
        capture confirm variable mech_haven_foresight, exact
        if !_rc label variable mech_haven_foresight "Parameter at the start: Mechanism on (1) or off (0): Pakistan expects its pre..."
        capture confirm variable mech_designation, exact
        if !_rc label variable mech_designation "Parameter at the start: Mechanism on (1) or off (0): Washington carries out a..."
        capture confirm variable mech_winter_passes, exact
        if !_rc label variable mech_winter_passes "Parameter at the start: Mechanism on (1) or off (0): Snow closes the passes a..."
        capture confirm variable mech_part_time_fighters, exact
        if !_rc label variable mech_part_time_fighters "Parameter at the start: Mechanism on (1) or off (0): Local part-time fighters..."
        capture confirm variable mech_harvest_tax, exact
        if !_rc label variable mech_harvest_tax "Parameter at the start: Mechanism on (1) or off (0): During the harvest Talib..."
        capture confirm variable mech_belief_learning, exact
        if !_rc label variable mech_belief_learning "Parameter at the start: Mechanism on (1) or off (0): The government and the T..."
        capture confirm variable mech_mutual_optimism, exact
        if !_rc label variable mech_mutual_optimism "Parameter at the start: Mechanism on (1) or off (0): Each believer has its ow..."
        capture confirm variable mech_commitment_problem, exact
        if !_rc label variable mech_commitment_problem "Parameter at the start: Mechanism on (1) or off (0): The government must conc..."
        capture confirm variable mech_ripeness, exact
        if !_rc label variable mech_ripeness "Parameter at the start: Mechanism on (1) or off (0): Agenda items need both s..."
        capture confirm variable mech_agenda_retraction, exact
        if !_rc label variable mech_agenda_retraction "Parameter at the start: Mechanism on (1) or off (0): Spoiler attacks undo the..."
        capture confirm variable mech_trust, exact
        if !_rc label variable mech_trust "Parameter at the start: Mechanism on (1) or off (0): The government's trust t..."
        capture confirm variable mech_spoiler_faction, exact
        if !_rc label variable mech_spoiler_faction "Parameter at the start: Mechanism on (1) or off (0): The hardliners' weight r..."
        capture confirm variable mech_holiday_truces, exact
        if !_rc label variable mech_holiday_truces "Parameter at the start: Mechanism on (1) or off (0): A truce on the three day..."
        capture confirm variable mech_private_signals, exact
        if !_rc label variable mech_private_signals "Parameter at the start: Mechanism on (1) or off (0): The Taliban learn throug..."
        capture confirm variable mech_hardliner_veto, exact
        if !_rc label variable mech_hardliner_veto "Parameter at the start: Mechanism on (1) or off (0): The hardliners veto an o..."
        capture confirm variable mech_settlement_value, exact
        if !_rc label variable mech_settlement_value "Parameter at the start: Mechanism on (1) or off (0): Once item 6 is agreed th..."
        capture confirm variable mech_surrender_deals, exact
        if !_rc label variable mech_surrender_deals "Parameter at the start: Mechanism on (1) or off (0): Threatened district garr..."
        capture confirm variable mech_surrender_cascade, exact
        if !_rc label variable mech_surrender_cascade "Parameter at the start: Mechanism on (1) or off (0): A surrender raises the d..."
        capture confirm variable mech_amnesty, exact
        if !_rc label variable mech_amnesty "Parameter at the start: Mechanism on (1) or off (0): The credibility of the T..."
        capture confirm variable mech_contractor_logistics, exact
        if !_rc label variable mech_contractor_logistics "Parameter at the start: Mechanism on (1) or off (0): US contractors leave wit..."
        capture confirm variable mech_unpaid_salaries, exact
        if !_rc label variable mech_unpaid_salaries "Parameter at the start: Mechanism on (1) or off (0): Pay reaches a garrison l..."
        capture confirm variable mech_customs_revenue, exact
        if !_rc label variable mech_customs_revenue "Parameter at the start: Mechanism on (1) or off (0): The customs revenue lost..."
        capture confirm variable mech_elite_cascade, exact
        if !_rc label variable mech_elite_cascade "Parameter at the start: Mechanism on (1) or off (0): Provincial power-brokers..."
        capture confirm variable mech_bandwagon, exact
        if !_rc label variable mech_bandwagon "Parameter at the start: Mechanism on (1) or off (0): A broker sees at his cap..."
        capture confirm variable mech_standing_deals, exact
        if !_rc label variable mech_standing_deals "Parameter at the start: Mechanism on (1) or off (0): A defected broker's deal..."
        capture confirm variable mech_consolidation, exact
        if !_rc label variable mech_consolidation "Parameter at the start: Mechanism on (1) or off (0): Once it has lost a share..."
        capture confirm variable mech_campaign_timing, exact
        if !_rc label variable mech_campaign_timing "Parameter at the start: Mechanism on (1) or off (0): The Taliban hold their o..."
        capture confirm variable mech_capitals_last, exact
        if !_rc label variable mech_capitals_last "Parameter at the start: Mechanism on (1) or off (0): The Taliban's campaign a..."
        capture confirm variable mech_campaign_targets, exact
        if !_rc label variable mech_campaign_targets "Parameter at the start: Mechanism on (1) or off (0): Fighting units are drawn..."
        capture confirm variable mech_campaign_pull, exact
        if !_rc label variable mech_campaign_pull "Parameter at the start: Mechanism on (1) or off (0): Districts taken in the l..."
        capture confirm variable mech_desertion, exact
        if !_rc label variable mech_desertion "Parameter at the start: Mechanism on (1) or off (0): Soldiers and police dese..."
        capture confirm variable mech_complex_attacks, exact
        if !_rc label variable mech_complex_attacks "Parameter at the start: Mechanism on (1) or off (0): Fighting groups stage co..."
        capture confirm variable mean_weekly_fatalities, exact
        if !_rc label variable mean_weekly_fatalities "Mean of fatalities over the weeks"
        capture confirm variable total_civilian_casualties, exact
        if !_rc label variable total_civilian_casualties "Sum of civilian_casualties"
        capture confirm variable final_negotiation_progress, exact
        if !_rc label variable final_negotiation_progress "Negotiation progress after the last week"
        capture confirm variable mean_negotiation_progress, exact
        if !_rc label variable mean_negotiation_progress "Mean negotiation progress over the weeks"
        capture confirm variable weeks_to_ceasefire, exact
        if !_rc label variable weeks_to_ceasefire "Week in which the first open-ended or permanent cease-fire began; empty = none"
        capture confirm variable first_ceasefire_weeks, exact
        if !_rc label variable first_ceasefire_weeks "Weeks the first cease-fire lasted (to the end of the run if still in force); ..."
        capture confirm variable ceasefire_held, exact
        if !_rc label variable ceasefire_held "1 if a cease-fire lasted at least 26 weeks by the end of the run"
        capture confirm variable ceasefire_began, exact
        if !_rc label variable ceasefire_began "1 if a cease-fire began during the run (its mean over runs estimates the prob..."
        capture confirm variable ceasefire_within_52, exact
        if !_rc label variable ceasefire_within_52 "1 if a cease-fire began in weeks 1-52"
        capture confirm variable ceasefire_episodes, exact
        if !_rc label variable ceasefire_episodes "Open-ended or permanent cease-fires"
        capture confirm variable ceasefire_breaks_taliban, exact
        if !_rc label variable ceasefire_breaks_taliban "Open-ended or permanent cease-fires that the Taliban broke"
        capture confirm variable ceasefire_breaks_government, exact
        if !_rc label variable ceasefire_breaks_government "Open-ended or permanent cease-fires that the government broke"
        capture confirm variable truce_count, exact
        if !_rc label variable truce_count "Eid truces during the run"
        capture confirm variable max_agenda_items, exact
        if !_rc label variable max_agenda_items "Most agenda items agreed at once, 0-6"
        capture confirm variable weeks_range_open, exact
        if !_rc label variable weeks_range_open "Weeks before the government's collapse in which the bargaining range was more..."
        capture confirm variable leadership_keeps_deals, exact
        if !_rc label variable leadership_keeps_deals "1 if the Taliban leadership's latent type keeps deals (drawn once per run wit..."
        capture confirm variable taliban_takeover, exact
        if !_rc label variable taliban_takeover "1 if the government collapsed"
        capture confirm variable weeks_to_takeover, exact
        if !_rc label variable weeks_to_takeover "Week in which the government collapsed; empty = it did not"
        capture confirm variable first_capital_week, exact
        if !_rc label variable first_capital_week "Week in which the Taliban first held a provincial capital; empty = never"
        capture confirm variable mean_pakistan_pressure, exact
        if !_rc label variable mean_pakistan_pressure "Mean Pakistani pressure in force"
        capture confirm variable status, exact
        if !_rc label variable status "ok, or error if the run raised"
        capture confirm variable error, exact
        if !_rc label variable error "Error message of a failed run; empty if ok"
    }
    else if `"`table'"' == "steps" {
        capture confirm variable run_id, exact
        if !_rc label variable run_id "Run identifier"
        capture confirm variable step, exact
        if !_rc label variable step "Week of the run, 1 = the week from 12 Feb 2021"
        capture confirm variable date, exact
        if !_rc label variable date "First day of the week (ISO 8601)"
        capture confirm variable violent_events, exact
        if !_rc label variable violent_events "Violent events this week (rows of events.csv, non-fatal ones included)"
        capture confirm variable fatalities, exact
        if !_rc label variable fatalities "Deaths in all events this week (sum of best)"
        capture confirm variable civilian_casualties, exact
        if !_rc label variable civilian_casualties "Civilians killed or injured this week (UNAMA definition)"
        capture confirm variable negotiation_progress, exact
        if !_rc label variable negotiation_progress "Negotiation progress after this week, 0-1"
        capture confirm variable ceasefire, exact
        if !_rc label variable ceasefire "1 if an open-ended or permanent cease-fire was in force this week (truces and..."
        capture confirm variable agenda_items, exact
        if !_rc label variable agenda_items "Agenda items agreed after this week, 0-6 (negotiation_progress = agenda_items..."
        capture confirm variable items_agreed, exact
        if !_rc label variable items_agreed "Agenda items agreed this week"
        capture confirm variable items_retracted, exact
        if !_rc label variable items_retracted "Agenda items retracted this week"
        capture confirm variable truce_days, exact
        if !_rc label variable truce_days "Days of a truce or cease-fire in force this week, 0-7"
        capture confirm variable pause_kind, exact
        if !_rc label variable pause_kind "Pause in force this week: truce (Eid), riv (reduction in violence), ceasefire..."
        capture confirm variable taliban_fall_belief, exact
        if !_rc label variable taliban_fall_belief "The Taliban leadership's mean weekly hazard that a government garrison falls,..."
        capture confirm variable government_fall_belief, exact
        if !_rc label variable government_fall_belief "The government's mean weekly hazard that one of its garrisons falls (regime i..."
        capture confirm variable taliban_expected_share, exact
        if !_rc label variable taliban_expected_share "F_T: discounted flow of the Taliban-controlled share the Taliban expect, 0-1"
        capture confirm variable government_expected_share, exact
        if !_rc label variable government_expected_share "F_G: discounted flow of the Taliban-controlled share the government expects, 0-1"
        capture confirm variable taliban_war_cost, exact
        if !_rc label variable taliban_war_cost "kappa_T: the Taliban's cost of war in stake units (share of the country as a ..."
        capture confirm variable government_war_cost, exact
        if !_rc label variable government_war_cost "kappa_G: the government's cost of war in stake units"
        capture confirm variable bargaining_surplus, exact
        if !_rc label variable bargaining_surplus "S: the sides' expected costs of war less their optimism gap (Fearon)"
        capture confirm variable commitment_gap, exact
        if !_rc label variable commitment_gap "Gamma: the largest discounted rise of the Taliban's war value the government ..."
        capture confirm variable range_width, exact
        if !_rc label variable range_width "w = S - Gamma: width of the bargaining range"
        capture confirm variable range_open, exact
        if !_rc label variable range_open "O: probability under the sides' uncertainty that the range is open, 0-1"
        capture confirm variable range_capitulation, exact
        if !_rc label variable range_capitulation "1 if the bargaining range is clipped to the stake [0, 1]: a side's war is wor..."
        capture confirm variable ripeness, exact
        if !_rc label variable ripeness "R: mutual ripeness (hurting stalemate), 0-1"
        capture confirm variable government_trust, exact
        if !_rc label variable government_trust "The government's probability that the Taliban leadership keeps deals, 0-1"
        capture confirm variable hardliner_weight, exact
        if !_rc label variable hardliner_weight "The hardliners' weight in the Taliban leadership after this week, 0-1"
        capture confirm variable pakistan_pressure, exact
        if !_rc label variable pakistan_pressure "Pakistani pressure on the sanctuaries in force this week, 0-1 (Pakistan's cho..."
        capture confirm variable taliban_strength, exact
        if !_rc label variable taliban_strength "Taliban fighters in units (recruits not yet formed into units and part-timers..."
        capture confirm variable fighters_at_home, exact
        if !_rc label variable fighters_at_home "Part-time Taliban fighters at home for the harvest or the winter (not in tali..."
        capture confirm variable andsf_strength, exact
        if !_rc label variable andsf_strength "ANDSF personnel in garrisons and mobile units; an expected value, fractional"
        capture confirm variable taliban_control_share, exact
        if !_rc label variable taliban_control_share "Share of Afghanistan's population in Taliban-controlled cells"
        capture confirm variable sanctuary_capacity, exact
        if !_rc label variable sanctuary_capacity "Mean capacity of the sanctuaries, 0-1"
        capture confirm variable displaced, exact
        if !_rc label variable displaced "People displaced by violence at the end of the week; an expected value, fract..."
        capture confirm variable taliban_posture, exact
        if !_rc label variable taliban_posture "Taliban leadership's posture (how readily units attack), 0-1; no pressure term"
        capture confirm variable command_capacity, exact
        if !_rc label variable command_capacity "Taliban leadership's coordination capacity (commanders in place over those ne..."
        capture confirm variable commanders_arrested, exact
        if !_rc label variable commanders_arrested "Taliban commanders arrested or expelled in Pakistan this week"
        capture confirm variable mean_fatigue, exact
        if !_rc label variable mean_fatigue "Mean fatigue of Taliban units, 0-1"
        capture confirm variable border_crossings, exact
        if !_rc label variable border_crossings "Taliban units that crossed the Durand Line this week (either way)"
        capture confirm variable fighters_detained, exact
        if !_rc label variable fighters_detained "Taliban fighters detained at the border this week (expected value)"
        capture confirm variable pakistan_target, exact
        if !_rc label variable pakistan_target "Pressure Pakistan's calculation favours this week (pressure moves toward it),..."
        capture confirm variable us_credibility, exact
        if !_rc label variable us_credibility "Pakistan's belief that Washington pays the rewards it owes, 0-1"
        capture confirm variable us_threat_credibility, exact
        if !_rc label variable us_threat_credibility "Pakistan's belief that a designation threat is meant, 0-1"
        capture confirm variable us_review, exact
        if !_rc label variable us_review "1 in a week in which Washington reviewed results"
        capture confirm variable us_paid, exact
        if !_rc label variable us_paid "1 if Washington paid the offered rewards at this week's review"
        capture confirm variable pakistan_designated, exact
        if !_rc label variable pakistan_designated "1 once Washington has designated Pakistan a state sponsor of terrorism (mecha..."
        capture confirm variable ttp_attacks, exact
        if !_rc label variable ttp_attacks "TTP attacks in Pakistan this week"
        capture confirm variable ttp_deaths, exact
        if !_rc label variable ttp_deaths "Deaths in TTP attacks in Pakistan this week"
        capture confirm variable ttp_fighters, exact
        if !_rc label variable ttp_fighters "TTP fighters"
        capture confirm variable us_troops_present, exact
        if !_rc label variable us_troops_present "1 while US troops are in Afghanistan"
        capture confirm variable taliban_deaths, exact
        if !_rc label variable taliban_deaths "Taliban fighters killed this week"
        capture confirm variable andsf_deaths, exact
        if !_rc label variable andsf_deaths "ANDSF personnel killed this week"
        capture confirm variable garrisons_lost, exact
        if !_rc label variable garrisons_lost "ANDSF garrisons (district centres and cities) overrun or surrendered this wee..."
        capture confirm variable spoiler_attacks, exact
        if !_rc label variable spoiler_attacks "High-profile attacks by hardliners this week"
        capture confirm variable complex_attacks, exact
        if !_rc label variable complex_attacks "Complex and suicide attacks staged by fighting groups this week (one that har..."
        capture confirm variable districts_taliban, exact
        if !_rc label variable districts_taliban "District centres held by the Taliban after this week, of the 398 of model/dat..."
        capture confirm variable capitals_taliban, exact
        if !_rc label variable capitals_taliban "Provincial capitals held by the Taliban after this week, of 34"
        capture confirm variable crossings_taliban, exact
        if !_rc label variable crossings_taliban "Official border crossings whose district the Taliban hold after this week, of..."
        capture confirm variable customs_lost, exact
        if !_rc label variable customs_lost "Share of the customs revenue the government collected at the start that is lo..."
        capture confirm variable surrender_deals, exact
        if !_rc label variable surrender_deals "Garrisons that negotiated their surrender this week (part of garrisons_lost)"
        capture confirm variable andsf_deserters, exact
        if !_rc label variable andsf_deserters "ANDSF personnel who deserted this week"
        capture confirm variable amnesty_credibility, exact
        if !_rc label variable amnesty_credibility "Credibility of the Taliban's amnesty to those who surrender, 0-1 (the mean of..."
        capture confirm variable contractor_presence, exact
        if !_rc label variable contractor_presence "Share of the US contractors still in Afghanistan, 0-1 (they leave with the re..."
        capture confirm variable air_force_readiness, exact
        if !_rc label variable air_force_readiness "Readiness of the Afghan Air Force, 0-1 (follows the contractors with a lag)"
        capture confirm variable government_cohesion, exact
        if !_rc label variable government_cohesion "Population-weighted share of the 34 provincial power-brokers still loyal, 0-1"
        capture confirm variable brokers_defected, exact
        if !_rc label variable brokers_defected "Provincial power-brokers who have defected (of 34; the palace is taliban_take..."
        capture confirm variable taliban_takeover, exact
        if !_rc label variable taliban_takeover "1 once the government has collapsed"
        capture confirm variable fatf_offer, exact
        if !_rc label variable fatf_offer "Lever in force: US support for Pakistan's exit from the FATF grey list (0 non..."
        capture confirm variable india_restraint, exact
        if !_rc label variable india_restraint "Lever in force: US keeps India at arm's length in Afghanistan (1 = firm assur..."
        capture confirm variable sst_threat, exact
        if !_rc label variable sst_threat "Lever in force: Threat of a state-sponsor-of-terrorism designation (1 = maximal)"
        capture confirm variable csf_release, exact
        if !_rc label variable csf_release "Lever in force: Coalition Support Fund money released to Pakistan (1 = all)"
        capture confirm variable conditionality, exact
        if !_rc label variable conditionality "Lever in force: Share of US rewards tied to results (1 = all, 0 = no strings)"
        capture confirm variable withdrawal_week, exact
        if !_rc label variable withdrawal_week "Lever in force: Last week with US troops in Afghanistan (none = they stay); e..."
        capture confirm variable blowback_fear, exact
        if !_rc label variable blowback_fear "Lever in force: Pakistan's fear of TTP blowback from cracking down"
        capture confirm variable establishment_sympathy, exact
        if !_rc label variable establishment_sympathy "Lever in force: Sympathy for the Taliban in Pakistan's establishment"
        capture confirm variable hardliner_share, exact
        if !_rc label variable hardliner_share "Lever in force: Weight of hardliners (Haibatullah, military commission)"
        capture confirm variable pakistan_pressure_set, exact
        if !_rc label variable pakistan_pressure_set "Lever in force: Pakistani pressure on the sanctuaries: 'auto' = chosen by the..."
    }
    else if `"`table'"' == "events" {
        capture confirm variable event_id, exact
        if !_rc label variable event_id "Event identifier, unique within a run"
        capture confirm variable run_id, exact
        if !_rc label variable run_id "Run identifier"
        capture confirm variable step, exact
        if !_rc label variable step "Week of the event"
        capture confirm variable date_start, exact
        if !_rc label variable date_start "Earliest possible day of the event (UCDP GED): the first day of its week (ISO..."
        capture confirm variable date_end, exact
        if !_rc label variable date_end "Latest possible day of the event (UCDP GED): the last day of its week, date_s..."
        capture confirm variable date_prec, exact
        if !_rc label variable date_prec "UCDP GED date precision: always 3 (only the week is known)"
        capture confirm variable latitude, exact
        if !_rc label variable latitude "Latitude of the centre of the event's map cell"
        capture confirm variable longitude, exact
        if !_rc label variable longitude "Longitude of the centre of the event's map cell"
        capture confirm variable priogrid_gid, exact
        if !_rc label variable priogrid_gid "PRIO-GRID 0.5 degree cell id"
        capture confirm variable country, exact
        if !_rc label variable country "Country of the event"
        capture confirm variable admin1, exact
        if !_rc label variable admin1 "Province (Afghanistan) or province/region (Pakistan)"
        capture confirm variable district_id, exact
        if !_rc label variable district_id "District of the event's cell (AF-XXX-NN, model/data/districts.csv); empty in ..."
        capture confirm variable type_of_violence, exact
        if !_rc label variable type_of_violence "UCDP type: 1 state-based, 3 one-sided"
        capture confirm variable side_a, exact
        if !_rc label variable side_a "UCDP side A"
        capture confirm variable side_b, exact
        if !_rc label variable side_b "UCDP side B"
        capture confirm variable deaths_a, exact
        if !_rc label variable deaths_a "Deaths of side A"
        capture confirm variable deaths_b, exact
        if !_rc label variable deaths_b "Deaths of side B"
        capture confirm variable deaths_civilians, exact
        if !_rc label variable deaths_civilians "Civilian deaths"
        capture confirm variable deaths_unknown, exact
        if !_rc label variable deaths_unknown "Deaths of unknown affiliation (always 0 here)"
        capture confirm variable best, exact
        if !_rc label variable best "Best estimate of total deaths; 0 for events that only injured civilians (keep..."
        capture confirm variable civilians_injured, exact
        if !_rc label variable civilians_injured "Civilians injured"
        capture confirm variable event_kind, exact
        if !_rc label variable event_kind "Mechanism that produced the event"
        capture confirm variable initiator, exact
        if !_rc label variable initiator "Side that initiated the event"
    }
    else if `"`table'"' == "cells" {
        capture confirm variable run_id, exact
        if !_rc label variable run_id "Run identifier"
        capture confirm variable month_id, exact
        if !_rc label variable month_id "ViEWS month id: (year - 1980) * 12 + month"
        capture confirm variable priogrid_gid, exact
        if !_rc label variable priogrid_gid "PRIO-GRID 0.5 degree cell id (Afghan cells only)"
        capture confirm variable days_covered, exact
        if !_rc label variable days_covered "Days of the calendar month inside the simulated weeks (fewer than the month's..."
        capture confirm variable ged_best_sb, exact
        if !_rc label variable ged_best_sb "Deaths in state-based events (type 1); each week's events are split over the ..."
        capture confirm variable ged_best_os, exact
        if !_rc label variable ged_best_os "Deaths in one-sided events (type 3); each week's events are split over the da..."
        capture confirm variable ged_best, exact
        if !_rc label variable ged_best "Deaths in all events; each week's events are split over the days of the month..."
        capture confirm variable events, exact
        if !_rc label variable events "Number of events; each week's events are split over the days of the months it..."
    }
    else if `"`table'"' == "district_weeks" {
        capture confirm variable run_id, exact
        if !_rc label variable run_id "Run identifier"
        capture confirm variable step, exact
        if !_rc label variable step "Week of the run, 1 = the week from 12 Feb 2021"
        capture confirm variable date, exact
        if !_rc label variable date "First day of the week (ISO 8601)"
        capture confirm variable district_id, exact
        if !_rc label variable district_id "District (AF-XXX-NN, model/data/districts.csv)"
        capture confirm variable district, exact
        if !_rc label variable district "District name (AIMS spelling)"
        capture confirm variable province, exact
        if !_rc label variable province "Province (as admin1 in events.csv)"
        capture confirm variable is_provincial_capital, exact
        if !_rc label variable is_provincial_capital "1 for the 34 provincial capitals"
        capture confirm variable holder, exact
        if !_rc label variable holder "Who holds the district centre after this week"
        capture confirm variable fell, exact
        if !_rc label variable fell "1 in the week the government lost the district"
        capture confirm variable fall_kind, exact
        if !_rc label variable fall_kind "How the government lost it (initial: Taliban-held from the start); empty whil..."
        capture confirm variable garrison_strength, exact
        if !_rc label variable garrison_strength "Personnel of the district's garrison after this week; empty without one"
        capture confirm variable morale, exact
        if !_rc label variable morale "The garrison's morale, 0-1; empty without one"
        capture confirm variable supply, exact
        if !_rc label variable supply "The garrison's stock, 0 (empty) to 1 (full)"
        capture confirm variable arrears_months, exact
        if !_rc label variable arrears_months "Months of pay the garrison is owed"
        capture confirm variable threat, exact
        if !_rc label variable threat "Taliban fighters within reach of the centre, Gaussian-weighted (20 km scale)"
        capture confirm variable isolation, exact
        if !_rc label variable isolation "Taliban control around the centre, Gaussian mean (25 km scale), 0-1"
        capture confirm variable cascade, exact
        if !_rc label variable cascade "Distance-weighted share of neighbouring districts fallen in recent weeks, 0-1"
        capture confirm variable deal_hazard, exact
        if !_rc label variable deal_hazard "The garrison's weekly hazard of a surrender deal (docs/ODD.md 7.9)"
        capture confirm variable broker_loyal, exact
        if !_rc label variable broker_loyal "1 while the province's power-broker is loyal"
    }
    else if `"`table'"' == "district_falls" {
        capture confirm variable run_id, exact
        if !_rc label variable run_id "Run identifier"
        capture confirm variable district_id, exact
        if !_rc label variable district_id "District (AF-XXX-NN, model/data/districts.csv)"
        capture confirm variable district, exact
        if !_rc label variable district "District name (AIMS spelling)"
        capture confirm variable province, exact
        if !_rc label variable province "Province (as admin1 in events.csv)"
        capture confirm variable is_provincial_capital, exact
        if !_rc label variable is_provincial_capital "1 for the 34 provincial capitals"
        capture confirm variable fall_step, exact
        if !_rc label variable fall_step "Week the government lost the district centre (0: Taliban-held from the start)..."
        capture confirm variable fall_date, exact
        if !_rc label variable fall_date "First day of that week (ISO 8601); empty for a district held from the start o..."
        capture confirm variable fall_kind, exact
        if !_rc label variable fall_kind "How the government lost it (initial: Taliban-held from the start); empty whil..."
    }
    else if `"`table'"' == "design" {
        capture confirm variable design_point, exact
        if !_rc label variable design_point "Design point (design_point in runs.csv)"
        capture confirm variable fatf_offer, exact
        if !_rc label variable fatf_offer "US support for Pakistan's exit from the FATF grey list (0 none, 1 full), as t..."
        capture confirm variable india_restraint, exact
        if !_rc label variable india_restraint "US keeps India at arm's length in Afghanistan (1 = firm assurances), as the d..."
        capture confirm variable sst_threat, exact
        if !_rc label variable sst_threat "Threat of a state-sponsor-of-terrorism designation (1 = maximal), as the desi..."
        capture confirm variable csf_release, exact
        if !_rc label variable csf_release "Coalition Support Fund money released to Pakistan (1 = all), as the design dr..."
        capture confirm variable conditionality, exact
        if !_rc label variable conditionality "Share of US rewards tied to results (1 = all, 0 = no strings), as the design ..."
        capture confirm variable withdrawal_week, exact
        if !_rc label variable withdrawal_week "Last week with US troops in Afghanistan (none = they stay), as the design dre..."
        capture confirm variable blowback_fear, exact
        if !_rc label variable blowback_fear "Pakistan's fear of TTP blowback from cracking down, as the design drew it (un..."
        capture confirm variable establishment_sympathy, exact
        if !_rc label variable establishment_sympathy "Sympathy for the Taliban in Pakistan's establishment, as the design drew it (..."
        capture confirm variable hardliner_share, exact
        if !_rc label variable hardliner_share "Weight of hardliners (Haibatullah, military commission), as the design drew i..."
        capture confirm variable pakistan_pressure_set, exact
        if !_rc label variable pakistan_pressure_set "Pakistani pressure on the sanctuaries: 'auto' = chosen by the Pakistan actor,..."
        capture confirm variable map, exact
        if !_rc label variable map "Map resolution: fine = 0.125 deg (default), coarse = 0.25 deg (fast), as the ..."
        capture confirm variable taliban_fighters, exact
        if !_rc label variable taliban_fighters "Initial Taliban fighters in Afghanistan and the sanctuaries, as the design dr..."
        capture confirm variable andsf_personnel, exact
        if !_rc label variable andsf_personnel "Initial effective ANDSF personnel (not the payroll figure), as the design dre..."
        capture confirm variable us_air_support, exact
        if !_rc label variable us_air_support "Combat multiplier of US air support while troops stay, as the design drew it ..."
        capture confirm variable initial_items, exact
        if !_rc label variable initial_items "Agenda items agreed at the start (Feb 2021), of six in the Doha order, as the..."
        capture confirm variable government_faith, exact
        if !_rc label variable government_faith "How far the Afghan government believes the ANDSF would hold without US air su..."
        capture confirm variable taliban_war_price, exact
        if !_rc label variable taliban_war_price "Share of their own force the Taliban would give up to hold the whole country:..."
        capture confirm variable government_war_price, exact
        if !_rc label variable government_war_price "Share of its own force the Afghan government would give up to hold the countr..."
        capture confirm variable commander_value, exact
        if !_rc label variable commander_value "Fighters an arrested senior Taliban commander is worth to the Taliban in thei..."
        capture confirm variable hardliner_optimism, exact
        if !_rc label variable hardliner_optimism "Relative rise of the hardliners' prior fall hazards over the pragmatists' (1:..."
        capture confirm variable hardliner_exposure, exact
        if !_rc label variable hardliner_exposure "Share of hardliner commanders living in Pakistan's sanctuaries, exposed to ar..."
        capture confirm variable hardliner_veto_weight, exact
        if !_rc label variable hardliner_veto_weight "The hardliners' weight in the leadership at which they veto a cease-fire wort..."
        capture confirm variable hardliner_veto_spread, exact
        if !_rc label variable hardliner_veto_spread "Standard deviation of the hardliners' unseen pull in the shura beyond their w..."
        capture confirm variable taliban_us_exit_belief, exact
        if !_rc label variable taliban_us_exit_belief "The Taliban's prior mean hazard that US troops leave, per year, while no with..."
        capture confirm variable eid_truce_value, exact
        if !_rc label variable eid_truce_value "Legitimacy value of an Eid truce to each side, per truce-week (PSI_EID), as t..."
        capture confirm variable pakistan_belief_effect, exact
        if !_rc label variable pakistan_belief_effect "Share by which Pakistan believes full pressure would lower violence in Afghan..."
        capture confirm variable surrender_deal_rate, exact
        if !_rc label variable surrender_deal_rate "Weekly hazard that a garrison negotiates its surrender when threatened, at it..."
        capture confirm variable bandwagon_weight, exact
        if !_rc label variable bandwagon_weight "Weight of the national picture (brokers gone, capitals lost) in the threat a ..."
        capture confirm variable fragmentation_prob, exact
        if !_rc label variable fragmentation_prob "Probability that a Taliban unit disperses into sections after it attacks a ga..."
        capture confirm variable coalescence_rate, exact
        if !_rc label variable coalescence_rate "Weekly rate at which a fighting unit of 100 fighters joins another unit in it..."
        capture confirm variable lethality, exact
        if !_rc label variable lethality "Scale of deaths per engagement (calibration constant), as the design drew it ..."
        capture confirm variable recruitment_rate, exact
        if !_rc label variable recruitment_rate "Scale of weekly Taliban recruitment (local and sanctuary), as the design drew..."
        capture confirm variable seasonality, exact
        if !_rc label variable seasonality "Amplitude of the fighting season (0 = none), as the design drew it (unrounded..."
        capture confirm variable mech_sanctuary_recovery, exact
        if !_rc label variable mech_sanctuary_recovery "Mechanism on (1) or off (0): Fatigued units rotate to a sanctuary and recover..."
        capture confirm variable mech_border_interdiction, exact
        if !_rc label variable mech_border_interdiction "Mechanism on (1) or off (0): Units crossing the Durand Line lose a share of w..."
        capture confirm variable mech_sanctuary_resupply, exact
        if !_rc label variable mech_sanctuary_resupply "Mechanism on (1) or off (0): Units in a sanctuary resupply at a rate set by i..."
        capture confirm variable mech_madrassa_pipeline, exact
        if !_rc label variable mech_madrassa_pipeline "Mechanism on (1) or off (0): Sanctuaries send recruits at a rate set by their..."
        capture confirm variable mech_leadership_arrests, exact
        if !_rc label variable mech_leadership_arrests "Mechanism on (1) or off (0): Pakistani pressure leads to arrests and expulsio..."
        capture confirm variable mech_us_credibility, exact
        if !_rc label variable mech_us_credibility "Mechanism on (1) or off (0): Pakistan's belief that Washington pays what it p..."
        capture confirm variable mech_us_observation_noise, exact
        if !_rc label variable mech_us_observation_noise "Mechanism on (1) or off (0): Washington observes violence with noise and neve..."
        capture confirm variable mech_audience_cost, exact
        if !_rc label variable mech_audience_cost "Mechanism on (1) or off (0): Complying with a public designation threat costs..."
        capture confirm variable mech_miller_effect, exact
        if !_rc label variable mech_miller_effect "Mechanism on (1) or off (0): A US decision to stay raises the value to Pakist..."
        capture confirm variable mech_ttp_blowback, exact
        if !_rc label variable mech_ttp_blowback "Mechanism on (1) or off (0): The Pakistani Taliban (TTP) attack in Pakistan m..."
        capture confirm variable mech_haven_foresight, exact
        if !_rc label variable mech_haven_foresight "Mechanism on (1) or off (0): Pakistan expects its pressure to slow the Afghan..."
        capture confirm variable mech_designation, exact
        if !_rc label variable mech_designation "Mechanism on (1) or off (0): Washington carries out a designation threat afte..."
        capture confirm variable mech_winter_passes, exact
        if !_rc label variable mech_winter_passes "Mechanism on (1) or off (0): Snow closes the passes above the snow line in wi..."
        capture confirm variable mech_part_time_fighters, exact
        if !_rc label variable mech_part_time_fighters "Mechanism on (1) or off (0): Local part-time fighters go home for the opium h..."
        capture confirm variable mech_harvest_tax, exact
        if !_rc label variable mech_harvest_tax "Mechanism on (1) or off (0): During the harvest Taliban units collect a tax o..."
        capture confirm variable mech_belief_learning, exact
        if !_rc label variable mech_belief_learning "Mechanism on (1) or off (0): The government and the Taliban's factions learn ..."
        capture confirm variable mech_mutual_optimism, exact
        if !_rc label variable mech_mutual_optimism "Mechanism on (1) or off (0): Each believer has its own prior: hardliners expe..."
        capture confirm variable mech_commitment_problem, exact
        if !_rc label variable mech_commitment_problem "Mechanism on (1) or off (0): The government must concede the largest discount..."
        capture confirm variable mech_ripeness, exact
        if !_rc label variable mech_ripeness "Mechanism on (1) or off (0): Agenda items need both sides to hurt: the cost o..."
        capture confirm variable mech_agenda_retraction, exact
        if !_rc label variable mech_agenda_retraction "Mechanism on (1) or off (0): Spoiler attacks undo the last agenda item with t..."
        capture confirm variable mech_trust, exact
        if !_rc label variable mech_trust "Mechanism on (1) or off (0): The government's trust that the Taliban keep dea..."
        capture confirm variable mech_spoiler_faction, exact
        if !_rc label variable mech_spoiler_faction "Mechanism on (1) or off (0): The hardliners' weight rises with the Taliban's ..."
        capture confirm variable mech_holiday_truces, exact
        if !_rc label variable mech_holiday_truces "Mechanism on (1) or off (0): A truce on the three days of each Eid has a legi..."
        capture confirm variable mech_private_signals, exact
        if !_rc label variable mech_private_signals "Mechanism on (1) or off (0): The Taliban learn through the elders which garri..."
        capture confirm variable mech_hardliner_veto, exact
        if !_rc label variable mech_hardliner_veto "Mechanism on (1) or off (0): The hardliners veto an open-ended or permanent c..."
        capture confirm variable mech_settlement_value, exact
        if !_rc label variable mech_settlement_value "Mechanism on (1) or off (0): Once item 6 is agreed the cease-fire is the sett..."
        capture confirm variable mech_surrender_deals, exact
        if !_rc label variable mech_surrender_deals "Mechanism on (1) or off (0): Threatened district garrisons negotiate their su..."
        capture confirm variable mech_surrender_cascade, exact
        if !_rc label variable mech_surrender_cascade "Mechanism on (1) or off (0): A surrender raises the deal hazard of the garris..."
        capture confirm variable mech_amnesty, exact
        if !_rc label variable mech_amnesty "Mechanism on (1) or off (0): The credibility of the Taliban's amnesty is lear..."
        capture confirm variable mech_contractor_logistics, exact
        if !_rc label variable mech_contractor_logistics "Mechanism on (1) or off (0): US contractors leave with the troops: the Afghan..."
        capture confirm variable mech_unpaid_salaries, exact
        if !_rc label variable mech_unpaid_salaries "Mechanism on (1) or off (0): Pay reaches a garrison less often the more it is..."
        capture confirm variable mech_customs_revenue, exact
        if !_rc label variable mech_customs_revenue "Mechanism on (1) or off (0): The customs revenue lost with the border crossin..."
        capture confirm variable mech_elite_cascade, exact
        if !_rc label variable mech_elite_cascade "Mechanism on (1) or off (0): Provincial power-brokers and the palace defect o..."
        capture confirm variable mech_bandwagon, exact
        if !_rc label variable mech_bandwagon "Mechanism on (1) or off (0): A broker sees at his capital at least the nation..."
        capture confirm variable mech_standing_deals, exact
        if !_rc label variable mech_standing_deals "Mechanism on (1) or off (0): A defected broker's deal with the Taliban stands..."
        capture confirm variable mech_consolidation, exact
        if !_rc label variable mech_consolidation "Mechanism on (1) or off (0): Once it has lost a share of the districts it hel..."
        capture confirm variable mech_campaign_timing, exact
        if !_rc label variable mech_campaign_timing "Mechanism on (1) or off (0): The Taliban hold their offensive on the district..."
        capture confirm variable mech_capitals_last, exact
        if !_rc label variable mech_capitals_last "Mechanism on (1) or off (0): The Taliban's campaign against the provincial ca..."
        capture confirm variable mech_campaign_targets, exact
        if !_rc label variable mech_campaign_targets "Mechanism on (1) or off (0): Fighting units are drawn to the government's dis..."
        capture confirm variable mech_campaign_pull, exact
        if !_rc label variable mech_campaign_pull "Mechanism on (1) or off (0): Districts taken in the last four weeks raise the..."
        capture confirm variable mech_desertion, exact
        if !_rc label variable mech_desertion "Mechanism on (1) or off (0): Soldiers and police desert each week, more when ..."
        capture confirm variable mech_complex_attacks, exact
        if !_rc label variable mech_complex_attacks "Mechanism on (1) or off (0): Fighting groups stage complex and suicide attack..."
    }
    else if `"`table'"' == "lever_changes" {
        capture confirm variable step, exact
        if !_rc label variable step "First week in which the new value is in force"
        capture confirm variable lever, exact
        if !_rc label variable lever "The lever changed"
        capture confirm variable old, exact
        if !_rc label variable old "Value before the change (empty = none, e.g. US troops stay)"
        capture confirm variable new, exact
        if !_rc label variable new "Value after the change (empty = none)"
        capture confirm variable source, exact
        if !_rc label variable source "live (dashboard) or timeline"
    }
    else if `"`table'"' == "comparison" {
        capture confirm variable scenario, exact
        if !_rc label variable scenario "Scenario name (preset or file)"
        capture confirm variable runs, exact
        if !_rc label variable runs "Successful runs of the scenario"
        capture confirm variable mean_weekly_fatalities, exact
        if !_rc label variable mean_weekly_fatalities "Mean over runs of mean weekly fatalities (t)"
        capture confirm variable mean_weekly_fatalities_low, exact
        if !_rc label variable mean_weekly_fatalities_low "Lower bound of the 95% interval of mean_weekly_fatalities"
        capture confirm variable mean_weekly_fatalities_high, exact
        if !_rc label variable mean_weekly_fatalities_high "Upper bound of the 95% interval of mean_weekly_fatalities"
        capture confirm variable total_civilian_casualties, exact
        if !_rc label variable total_civilian_casualties "Mean over runs of civilian casualties (t)"
        capture confirm variable total_civilian_casualties_low, exact
        if !_rc label variable total_civilian_casualties_low "Lower bound of the 95% interval of total_civilian_casualties"
        capture confirm variable total_civilian_casualties_high, exact
        if !_rc label variable total_civilian_casualties_high "Upper bound of the 95% interval of total_civilian_casualties"
        capture confirm variable final_negotiation_progress, exact
        if !_rc label variable final_negotiation_progress "Mean over runs of the final negotiation progress (t)"
        capture confirm variable final_negotiation_progress_low, exact
        if !_rc label variable final_negotiation_progress_low "Lower bound of the 95% interval of final_negotiation_progress"
        capture confirm variable final_negotiation_progress_high, exact
        if !_rc label variable final_negotiation_progress_high "Upper bound of the 95% interval of final_negotiation_progress"
        capture confirm variable ceasefire_within_52, exact
        if !_rc label variable ceasefire_within_52 "Share of runs with a cease-fire that began by week 52 (Wilson interval)"
        capture confirm variable ceasefire_within_52_low, exact
        if !_rc label variable ceasefire_within_52_low "Lower bound of the 95% interval of ceasefire_within_52"
        capture confirm variable ceasefire_within_52_high, exact
        if !_rc label variable ceasefire_within_52_high "Upper bound of the 95% interval of ceasefire_within_52"
        capture confirm variable ceasefire_held, exact
        if !_rc label variable ceasefire_held "Share of runs with a cease-fire that lasted 26 weeks (Wilson interval)"
        capture confirm variable ceasefire_held_low, exact
        if !_rc label variable ceasefire_held_low "Lower bound of the 95% interval of ceasefire_held"
        capture confirm variable ceasefire_held_high, exact
        if !_rc label variable ceasefire_held_high "Upper bound of the 95% interval of ceasefire_held"
        capture confirm variable fatalities_vs_first, exact
        if !_rc label variable fatalities_vs_first "Mean paired difference in mean weekly fatalities from the first scenario (pai..."
        capture confirm variable fatalities_vs_first_low, exact
        if !_rc label variable fatalities_vs_first_low "Lower bound of the 95% interval of fatalities_vs_first"
        capture confirm variable fatalities_vs_first_high, exact
        if !_rc label variable fatalities_vs_first_high "Upper bound of the 95% interval of fatalities_vs_first"
    }
    else if `"`table'"' == "plots/violence_vs_negotiation" {
        capture confirm variable kind, exact
        if !_rc label variable kind "run, or level_mean (a level's mean)"
        capture confirm variable run_id, exact
        if !_rc label variable run_id "Run identifier; empty for level means"
        capture confirm variable color_lever, exact
        if !_rc label variable color_lever "Lever that colours the runs; empty if none"
        capture confirm variable stratum, exact
        if !_rc label variable stratum "Panel: the run's levels of the stratifying factors (a=1, b=none), or 'all runs'"
        capture confirm variable level, exact
        if !_rc label variable level "Level label: the value, a quantile bin, or all"
        capture confirm variable level_value, exact
        if !_rc label variable level_value "Numeric position of the level (its value, or the mean of a bin); empty if not..."
        capture confirm variable n, exact
        if !_rc label variable n "Runs behind the row"
        capture confirm variable final_negotiation_progress, exact
        if !_rc label variable final_negotiation_progress "Final negotiation progress (t)"
        capture confirm variable final_negotiation_progress_low, exact
        if !_rc label variable final_negotiation_progress_low "Lower bound of the 95% interval of final_negotiation_progress"
        capture confirm variable final_negotiation_progress_high, exact
        if !_rc label variable final_negotiation_progress_high "Upper bound of the 95% interval of final_negotiation_progress"
        capture confirm variable mean_weekly_fatalities, exact
        if !_rc label variable mean_weekly_fatalities "Mean weekly fatalities (t)"
        capture confirm variable mean_weekly_fatalities_low, exact
        if !_rc label variable mean_weekly_fatalities_low "Lower bound of the 95% interval of mean_weekly_fatalities"
        capture confirm variable mean_weekly_fatalities_high, exact
        if !_rc label variable mean_weekly_fatalities_high "Upper bound of the 95% interval of mean_weekly_fatalities"
    }
    else if `"`table'"' == "plots/lever_effects" {
        capture confirm variable factor, exact
        if !_rc label variable factor "The lever"
        capture confirm variable level, exact
        if !_rc label variable level "Level label: the value, a quantile bin, or all"
        capture confirm variable level_value, exact
        if !_rc label variable level_value "Numeric position of the level (its value, or the mean of a bin); empty if not..."
        capture confirm variable binned, exact
        if !_rc label variable binned "1 if the levels are quantile bins"
        capture confirm variable bin_low, exact
        if !_rc label variable bin_low "Smallest lever value in the bin; empty if not binned"
        capture confirm variable bin_high, exact
        if !_rc label variable bin_high "Largest lever value in the bin; empty if not binned"
        capture confirm variable output, exact
        if !_rc label variable output "The runs.csv output"
        capture confirm variable interval, exact
        if !_rc label variable interval "t (means) or wilson (shares)"
        capture confirm variable n, exact
        if !_rc label variable n "Runs (or run-weeks) behind the mean"
        capture confirm variable mean, exact
        if !_rc label variable mean "Mean of the output (unit of the output)"
        capture confirm variable low, exact
        if !_rc label variable low "Lower bound of the 95% interval"
        capture confirm variable high, exact
        if !_rc label variable high "Upper bound of the 95% interval"
    }
    else if `"`table'"' == "plots/timeseries" {
        capture confirm variable color_lever, exact
        if !_rc label variable color_lever "Lever that groups the runs; empty if none"
        capture confirm variable level, exact
        if !_rc label variable level "Level label: the value, a quantile bin, or all"
        capture confirm variable level_value, exact
        if !_rc label variable level_value "Numeric position of the level (its value, or the mean of a bin); empty if not..."
        capture confirm variable step, exact
        if !_rc label variable step "Week of the run"
        capture confirm variable date, exact
        if !_rc label variable date "First day of the week"
        capture confirm variable output, exact
        if !_rc label variable output "The steps.csv column"
        capture confirm variable n, exact
        if !_rc label variable n "Runs (or run-weeks) behind the mean"
        capture confirm variable mean, exact
        if !_rc label variable mean "Mean of the output (unit of the output)"
        capture confirm variable low, exact
        if !_rc label variable low "Lower bound of the 95% interval"
        capture confirm variable high, exact
        if !_rc label variable high "Upper bound of the 95% interval"
    }
    else if `"`table'"' == "plots/heatmap" {
        capture confirm variable lever_x, exact
        if !_rc label variable lever_x "Lever on the x axis"
        capture confirm variable level_x, exact
        if !_rc label variable level_x "Its level"
        capture confirm variable lever_y, exact
        if !_rc label variable lever_y "Lever on the y axis"
        capture confirm variable level_y, exact
        if !_rc label variable level_y "Its level"
        capture confirm variable output, exact
        if !_rc label variable output "The runs.csv output"
        capture confirm variable n, exact
        if !_rc label variable n "Runs (or run-weeks) behind the mean"
        capture confirm variable mean, exact
        if !_rc label variable mean "Mean of the output (unit of the output)"
        capture confirm variable low, exact
        if !_rc label variable low "Lower bound of the 95% interval"
        capture confirm variable high, exact
        if !_rc label variable high "Upper bound of the 95% interval"
    }
    else if `"`table'"' == "sensitivity_sobol" {
        capture confirm variable output, exact
        if !_rc label variable output "The runs.csv output analysed"
        capture confirm variable parameter, exact
        if !_rc label variable parameter "The varied parameter"
        capture confirm variable s1, exact
        if !_rc label variable s1 "First-order Sobol' index"
        capture confirm variable s1_conf, exact
        if !_rc label variable s1_conf "Half-width of the 95% bootstrap interval of s1"
        capture confirm variable st, exact
        if !_rc label variable st "Total-order Sobol' index"
        capture confirm variable st_conf, exact
        if !_rc label variable st_conf "Half-width of the 95% bootstrap interval of st"
        capture confirm variable note, exact
        if !_rc label variable note "Why indices are empty (constant output, output missing), or that they are imp..."
    }
    else if `"`table'"' == "sensitivity_morris" {
        capture confirm variable output, exact
        if !_rc label variable output "The runs.csv output analysed"
        capture confirm variable parameter, exact
        if !_rc label variable parameter "The varied parameter"
        capture confirm variable mu, exact
        if !_rc label variable mu "Mean elementary effect (output unit per factor range)"
        capture confirm variable mu_star, exact
        if !_rc label variable mu_star "Mean absolute elementary effect"
        capture confirm variable mu_star_conf, exact
        if !_rc label variable mu_star_conf "Half-width of the 95% bootstrap interval"
        capture confirm variable sigma, exact
        if !_rc label variable sigma "Standard deviation of the elementary effects"
        capture confirm variable note, exact
        if !_rc label variable note "Remarks: constant output, or imprecise (mu_star's 95% interval reaches below ..."
    }
    else if `"`table'"' == "sensitivity_oat" {
        capture confirm variable output, exact
        if !_rc label variable output "The runs.csv output analysed"
        capture confirm variable parameter, exact
        if !_rc label variable parameter "The parameter this design point moves from its default; 'baseline' for the po..."
        capture confirm variable level, exact
        if !_rc label variable level "The moved parameter's value; empty at the baseline"
        capture confirm variable runs, exact
        if !_rc label variable runs "Successful runs with the output"
        capture confirm variable mean, exact
        if !_rc label variable mean "Mean of the output over replications, in its unit (share of runs for yes/no o..."
        capture confirm variable mean_low, exact
        if !_rc label variable mean_low "Lower bound of the 95% interval of mean"
        capture confirm variable mean_high, exact
        if !_rc label variable mean_high "Upper bound of the 95% interval of mean"
        capture confirm variable difference, exact
        if !_rc label variable difference "Mean paired difference from the baseline, replication by replication (same se..."
        capture confirm variable difference_low, exact
        if !_rc label variable difference_low "Lower bound of the 95% interval of difference"
        capture confirm variable difference_high, exact
        if !_rc label variable difference_high "Upper bound of the 95% interval of difference"
        capture confirm variable pairs, exact
        if !_rc label variable pairs "Replications paired with the baseline"
    }
    else if `"`table'"' == "patterns" {
        capture confirm variable pattern, exact
        if !_rc label variable pattern "The pattern the statistic belongs to"
        capture confirm variable statistic, exact
        if !_rc label variable statistic "What is measured, with its unit"
        capture confirm variable mean, exact
        if !_rc label variable mean "Mean of the statistic over replications (t interval)"
        capture confirm variable mean_low, exact
        if !_rc label variable mean_low "Lower bound of the 95% interval of mean"
        capture confirm variable mean_high, exact
        if !_rc label variable mean_high "Upper bound of the 95% interval of mean"
        capture confirm variable runs, exact
        if !_rc label variable runs "Replications the statistic was computed from"
        capture confirm variable reference, exact
        if !_rc label variable reference "The real-world value or expectation"
        capture confirm variable source, exact
        if !_rc label variable source "Where the reference comes from"
        capture confirm variable tolerance, exact
        if !_rc label variable tolerance "The rule that decides passed; empty = descriptive row"
        capture confirm variable passed, exact
        if !_rc label variable passed "Whether the rule holds; empty for descriptive rows"
        capture confirm variable tuned, exact
        if !_rc label variable tuned "Parameter tuned to this pattern; empty if none"
        capture confirm variable map, exact
        if !_rc label variable map "Map the runs were made on"
    }
    else if `"`table'"' == "lever_effects" {
        capture confirm variable contrast, exact
        if !_rc label variable contrast "Lever moved from low to high, with any context"
        capture confirm variable claim, exact
        if !_rc label variable claim "The claim tested, with its hypothesis id (ODD 1.2)"
        capture confirm variable measure, exact
        if !_rc label variable measure "The outcome (a runs.csv summary or early_fatalities)"
        capture confirm variable low_arm, exact
        if !_rc label variable low_arm "Mean of the measure in the low arm"
        capture confirm variable high_arm, exact
        if !_rc label variable high_arm "Mean of the measure in the high arm"
        capture confirm variable effect, exact
        if !_rc label variable effect "Mean paired difference high - low (paired t interval)"
        capture confirm variable effect_low, exact
        if !_rc label variable effect_low "Lower bound of the 95% interval of effect"
        capture confirm variable effect_high, exact
        if !_rc label variable effect_high "Upper bound of the 95% interval of effect"
        capture confirm variable pairs, exact
        if !_rc label variable pairs "Replications with both arms"
        capture confirm variable expected_sign, exact
        if !_rc label variable expected_sign "Sign the brief expects; empty = none"
        capture confirm variable verdict, exact
        if !_rc label variable verdict "Interval against the expected sign; empty without an expectation"
        capture confirm variable basis, exact
        if !_rc label variable basis "Where the effect's sign comes from: by construction (a term of Pakistan's uti..."
    }
    else if `"`table'"' == "negotiation_shock" {
        capture confirm variable measure, exact
        if !_rc label variable measure "The steps.csv column (the talks' state)"
        capture confirm variable n, exact
        if !_rc label variable n "Replications (pairs of runs with the same seed)"
        capture confirm variable mean, exact
        if !_rc label variable mean "Mean over pairs of the difference, fall minus no fall, of the measure average..."
        capture confirm variable mean_low, exact
        if !_rc label variable mean_low "Lower bound of the 95% interval of mean"
        capture confirm variable mean_high, exact
        if !_rc label variable mean_high "Upper bound of the 95% interval of mean"
    }
    else if `"`table'"' == "event_size_fits" {
        capture confirm variable map, exact
        if !_rc label variable map "Map the runs were made on"
        capture confirm variable run_id, exact
        if !_rc label variable run_id "Run identifier (within the map's runs)"
        capture confirm variable alpha, exact
        if !_rc label variable alpha "Power-law exponent (discrete MLE above xmin)"
        capture confirm variable xmin, exact
        if !_rc label variable xmin "Lower bound of the tail (minimum KS distance)"
        capture confirm variable tail_events, exact
        if !_rc label variable tail_events "Events with at least xmin deaths"
        capture confirm variable r_lognormal, exact
        if !_rc label variable r_lognormal "Normalised log-likelihood ratio, power law vs lognormal"
        capture confirm variable p_lognormal, exact
        if !_rc label variable p_lognormal "Significance of the sign of r_lognormal"
        capture confirm variable r_stretched, exact
        if !_rc label variable r_stretched "Same, power law vs stretched exponential"
        capture confirm variable p_stretched, exact
        if !_rc label variable p_stretched "Significance of the sign of r_stretched"
    }
    else if `"`table'"' == "monthly_profile" {
        capture confirm variable month, exact
        if !_rc label variable month "Calendar month, 1-12"
        capture confirm variable fatalities, exact
        if !_rc label variable fatalities "Mean weekly fatalities in the month during the war (t)"
        capture confirm variable fatalities_low, exact
        if !_rc label variable fatalities_low "Lower bound of the 95% interval of fatalities"
        capture confirm variable fatalities_high, exact
        if !_rc label variable fatalities_high "Upper bound of the 95% interval of fatalities"
        capture confirm variable runs, exact
        if !_rc label variable runs "Runs with war weeks in the month"
    }
    else if `"`table'"' == "ablation" {
        capture confirm variable arm, exact
        if !_rc label variable arm "baseline (all mechanisms on), off:<m> (m off), only:<m> (every other pressure..."
        capture confirm variable quantity, exact
        if !_rc label variable quantity "arm_vs_baseline: the arm's output minus the baseline's under Pakistan's own c..."
        capture confirm variable output, exact
        if !_rc label variable output "The output (a runs.csv column, or early_fatalities)"
        capture confirm variable estimate, exact
        if !_rc label variable estimate "Mean paired difference over replications"
        capture confirm variable estimate_low, exact
        if !_rc label variable estimate_low "Lower bound of the 95% t interval"
        capture confirm variable estimate_high, exact
        if !_rc label variable estimate_high "Upper bound of the 95% t interval"
        capture confirm variable pairs, exact
        if !_rc label variable pairs "Replications with both arms successful"
        capture confirm variable carried, exact
        if !_rc label variable carried "Pressure effect of the baseline minus that of the arm (what the arm's change ..."
        capture confirm variable carried_low, exact
        if !_rc label variable carried_low "Lower bound of its 95% t interval"
        capture confirm variable carried_high, exact
        if !_rc label variable carried_high "Upper bound of its 95% t interval"
        capture confirm variable carried_share, exact
        if !_rc label variable carried_share "carried over the baseline's pressure effect (for sum_of_only: the only arms' ..."
        capture confirm variable pair_correlation, exact
        if !_rc label variable pair_correlation "Correlation over replications of the runs at pressure 1 and 0 (how well pairs..."
    }
end

capture program drop _ceasefire_numeric
program define _ceasefire_numeric
    version 16
    args v file type
    quietly destring `v', replace
    capture confirm numeric variable `v'
    if _rc {
        display as error `"`file': column `v' holds text that is not a number"'
        exit 459
    }
    if "`type'" != "double" {
        capture assert `v' == round(`v') | missing(`v')
        if _rc {
            display as error `"`file': column `v' holds numbers that are not whole"'
            exit 459
        }
    }
    if "`type'" == "byte" {
        capture assert inlist(`v', 0, 1) | missing(`v')
        if _rc {
            display as error `"`file': column `v' holds values other than 0 and 1"'
            exit 459
        }
    }
    quietly recast `type' `v'
end
