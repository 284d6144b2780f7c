"""The words of the parameter registry: plain labels, help texts, groups, sources.

:mod:`ceasefire.model.parameters` declares each parameter's name, kind, range, default and
unit; this module holds what people read about it (the dashboard's labels and tooltips, the CLI
help, the codebook and the ODD parameter table), merged into the declarations there.
"""

from __future__ import annotations

from ceasefire.model.mechanisms import MECHANISMS, switch_name

PLAIN: dict[str, dict[str, str]] = {
    "fatf_offer": dict(
        label="US backs Pakistan's exit from the FATF grey list",
        help="How far Washington supports taking Pakistan off the FATF grey list, a reward "
        "for pressing the Taliban",
        group="US offers", low_means="no support", high_means="full support",
    ),
    "india_restraint": dict(
        label="US keeps India at arm's length in Afghanistan",
        help="US assurances that India's role in Afghanistan stays limited, which eases "
        "Pakistan's fear of encirclement",
        group="US offers", low_means="no assurances", high_means="firm assurances",
    ),
    "csf_release": dict(
        label="Coalition Support Fund money released to Pakistan",
        help="Share of the withheld Coalition Support Fund reimbursements paid out",
        group="US offers", low_means="none", high_means="all of it",
    ),
    "conditionality": dict(
        label="US rewards tied to results",
        help="Share of the US rewards paid only when Pakistan's pressure on the Taliban "
        "shows results",
        group="US offers", low_means="no strings attached", high_means="all tied to results",
    ),
    "sst_threat": dict(
        label="Threat of a state-sponsor-of-terrorism designation",
        help="How credibly Washington threatens to designate Pakistan a state sponsor of "
        "terrorism",
        group="US threats", low_means="no threat", high_means="maximal threat",
    ),
    "blowback_fear": dict(
        label="Pakistan's fear of TTP blowback",
        help="How much Islamabad fears that a crackdown on the Afghan Taliban brings attacks "
        "by the Pakistani Taliban (TTP) at home",
        group="Pakistan's constraints", low_means="no fear", high_means="overriding fear",
    ),
    "establishment_sympathy": dict(
        label="Sympathy for the Taliban in Pakistan's establishment",
        help="Sympathy in Pakistan's army and intelligence service for the Afghan Taliban, "
        "which resists any pressure on them",
        group="Pakistan's constraints", low_means="none", high_means="strong",
    ),
    "pakistan_pressure": dict(
        label="Pakistan's pressure on the sanctuaries",
        help="How hard Pakistan squeezes the Taliban's sanctuaries; 'auto' lets the Pakistan "
        "actor choose it from the US levers and its constraints",
        group="Pakistan's constraints", low_means="no pressure", high_means="full crackdown",
    ),
    "hardliner_share": dict(
        label="Weight of the Taliban's hardliners",
        help="Influence of the hardliners (Haibatullah, the military commission) on the "
        "Taliban's choices: they fight on and bargain less",
        group="The Taliban", low_means="pragmatists decide", high_means="hardliners decide",
    ),
    "withdrawal_week": dict(
        label="Last week with US troops in Afghanistan",
        help="After this week of the run US troops and their air support are gone; "
        "'US troops stay' keeps them",
        group="The withdrawal",
    ),
    "map": dict(
        label="Map resolution",
        help="fine = 0.125 degree cells (default), coarse = 0.25 degree cells (about 4x faster)",
        group="Map and forces",
    ),
    "taliban_fighters": dict(
        label="Taliban fighters at the start",
        help="Fighters in Afghanistan and the sanctuaries in February 2021",
        group="Map and forces",
    ),
    "andsf_personnel": dict(
        label="Afghan government forces at the start",
        help="Effective ANDSF personnel in February 2021 (not the payroll figure)",
        group="Map and forces",
    ),
    "us_air_support": dict(
        label="US air support while troops stay",
        help="Combat multiplier of US air support for the government forces",
        group="Map and forces", low_means="none",
    ),
    "government_war_price": dict(
        label="Kabul's price of war",
        help="Share of its own force the Afghan government would give up to hold the country: "
        "the lower it is, the more its losses weigh against the ground it expects to lose",
        group="Calibration", low_means="losses weigh most", high_means="losses weigh least",
    ),
    "commander_value": dict(
        label="What an arrested commander costs the Taliban",
        help="Fighters a senior commander arrested in the sanctuaries is worth to the Taliban: "
        "it sets how much Pakistan's arrests add to their costs of war",
        group="Calibration", low_means="arrests weigh little", high_means="arrests weigh most",
    ),
    "hardliner_optimism": dict(
        label="The hardliners' optimism",
        help="How much faster than the pragmatists the hardliners expect government garrisons "
        "to fall (0: as fast, 1: twice as fast)",
        group="Calibration", low_means="as the pragmatists", high_means="three times as fast",
    ),
    "hardliner_exposure": dict(
        label="Hardliners living in the sanctuaries",
        help="Share of hardliner commanders living in Pakistan's sanctuaries, where arrests "
        "reach them (the pragmatists' share is 0.3): above it, pressure weakens the hardliners",
        group="Calibration", low_means="fewer than the pragmatists", high_means="all of them",
    ),
    "hardliner_veto_weight": dict(
        label="The hardliners' veto line",
        help="The hardliners' weight in the leadership at which they block a cease-fire that "
        "loses them ground half the time; below it they block it less often, above it more",
        group="Calibration", low_means="a strong minority blocks", high_means="a clear majority",
    ),
    "hardliner_veto_spread": dict(
        label="How uncertain the hardliners' veto is",
        help="The spread of the hardliners' unseen pull in the shura beyond their weight: "
        "small, the veto binds almost exactly at its line; large, it binds well below and "
        "fails well above it",
        group="Calibration", low_means="a sharp line", high_means="a gradual veto",
    ),
    "taliban_us_exit_belief": dict(
        label="The Taliban's belief that the US will leave",
        help="The Taliban's prior yearly hazard that US troops leave while no date is set; "
        "they learn from each week the US stays",
        group="Calibration", low_means="the US stays", high_means="the US leaves soon",
    ),
    "eid_truce_value": dict(
        label="Value of an Eid truce",
        help="Legitimacy value of a truce on Eid to each side, against the cost of three "
        "days without fighting (about 0.002)",
        group="Calibration", low_means="below the truce's cost", high_means="well above it",
    ),
    "pakistan_belief_effect": dict(
        label="How far Pakistan believes its pressure would cut violence",
        help="Islamabad's belief about what full pressure on the sanctuaries would do to "
        "violence in Afghanistan ('Pakistan in itself can't get a ceasefire'); an assumption",
        group="Calibration", low_means="no effect", high_means="violence ends",
    ),
    **{
        switch_name(m.name): dict(
            label=m.name.replace("_", " ").capitalize() + " (mechanism)",
            help=f"{m.description}; off: {m.off}",
            group="Mechanisms",
        )
        for m in MECHANISMS
    },
    "initial_items": dict(
        label="Agenda items agreed at the start",
        help="Items of the Doha agenda agreed in February 2021 (1: the prisoner releases); "
        "negotiation progress is the share of the six agreed",
        group="Calibration", low_means="nothing agreed", high_means="a settlement",
    ),
    "government_faith": dict(
        label="Kabul's faith in its forces without US air support",
        help="How far the Afghan government believes its forces would hold without US air "
        "support as they do with it: its optimism about the war after the withdrawal",
        group="Calibration", low_means="expects the Taliban's view", high_means="full faith",
    ),
    "taliban_war_price": dict(
        label="The Taliban's price of war",
        help="Share of their own force the Taliban would give up to hold the whole country: "
        "the lower it is, the more their losses weigh against the ground they expect to win",
        group="Calibration", low_means="losses weigh most", high_means="losses weigh least",
    ),
    "surrender_deal_rate": dict(
        label="How readily garrisons make surrender deals",
        help="Weekly chance that a threatened district garrison hands over its post through the "
        "elders, before isolation, supply, pay, morale, its neighbours' surrenders and the "
        "Taliban's amnesty raise or lower it",
        group="Calibration", low_means="they hold out", high_means="they give up readily",
    ),
    "bandwagon_weight": dict(
        label="Weight of the bandwagon",
        help="How much a provincial power-broker reads the national collapse (brokers gone, "
        "capitals lost) as a threat at his own capital, against the Taliban massed at its gates",
        group="Calibration",
        low_means="only local threat counts",
        high_means="the nation counts double",
    ),
    "fragmentation_prob": dict(
        label="Dispersal of Taliban units after an attack",
        help="Probability that a Taliban unit scatters into sections of 20 fighters after it "
        "attacks a garrison (Bohorquez et al. 2009)",
        group="Calibration", low_means="units stay together", high_means="every attack scatters",
    ),
    "coalescence_rate": dict(
        label="Merging of Taliban units",
        help="Weekly rate at which a 100-fighter unit joins another unit in its cell; larger "
        "units join and attract more (Bohorquez et al. 2009)",
        group="Calibration", low_means="units never merge",
    ),
    "lethality": dict(
        label="Lethality of fighting",
        help="Scale of the deaths per engagement (calibration constant, 1 = calibrated)",
        group="Calibration",
    ),
    "recruitment_rate": dict(
        label="Taliban recruitment",
        help="Scale of weekly Taliban recruitment, local and in the sanctuaries "
        "(1 = calibrated)",
        group="Calibration", low_means="no recruits",
    ),
    "seasonality": dict(
        label="Strength of the fighting season",
        help="Amplitude of the summer fighting season",
        group="Calibration", low_means="no season",
    ),
}  # fmt: skip
"""Plain labels, help texts, groups and the meaning of the range ends, by parameter."""
SOURCES: dict[str, str] = {
    "fatf_offer": "Weinstein 2021, recommendation 1; default: no offer in Feb 2021",
    "india_restraint": "Weinstein 2021, recommendation 2; default assumed (some US "
    "encouragement of an Indian role in 2020-21)",
    "sst_threat": "Weinstein 2021, section 4; no threat in Feb 2021",
    "csf_release": "Weinstein 2021, recommendation 1; CSF reimbursements suspended since 2018",
    "conditionality": 'Weinstein 2021 ("strategic love and affection" vs results-oriented '
    "engagement); default assumed",
    "withdrawal_week": "actual end of withdrawal 30 Aug 2021 (Section 2.8); Doha deadline = 11; "
    '`none` for the Miller "stay" case',
    "blowback_fear": "Weinstein 2021 (Islamabad's stated fear); default assumed",
    "establishment_sympathy": 'Weinstein 2021 ("widely assumed in Western reporting"); '
    "default assumed",
    "hardliner_share": "Weinstein 2021 (Ishaqzai's appointment; leadership \"not ready to stop "
    'fighting"); default assumed',
    "pakistan_pressure": "the externally set pressure level of the design brief; `auto` uses 7.1",
    "map": "speed/resolution trade-off; results depend on resolution (Section 10)",
    "taliban_fighters": "order of magnitude of public estimates for 2020-21 (tens of thousands "
    "of full-time fighters); assumed, to be sourced",
    "andsf_personnel": "effective strength well below the roughly 300,000 on the rolls (SIGAR "
    "2022 on inflated personnel figures); value assumed",
    "us_air_support": "normalisation (`A_max`); 0 = no US air support",
    "initial_items": "prisoner releases agreed and done by Sept 2020; talks on the roadmap "
    "stalled in Feb 2021 (docs/dev/research/issue12/SOURCES.md S:12-S:17)",
    "government_faith": 'SIGAR 2022: "the Afghan government failed to recognize that the United '
    'States would actually leave" (S:29); the size 0.8 is an assumption (7.13.1)',
    "taliban_war_price": "assumption (7.13.3): an insurgency that fought for 19 years against "
    "air superiority and replaced its losses; cannot be estimated from 2021 alone; swept in "
    "the default sweep",
    "government_war_price": "Ghani: 45,000 security personnel killed 2014-19 against a force of "
    "about 300,000 (7.13.3); the size is an assumption, a sign-deciding constant (8.2)",
    "commander_value": "assumption (7.13.3): a senior commander embodies networks and authority; "
    "arrests dominate the pressure costs, so it sets pressure's size",
    "hardliner_optimism": "assumption (7.13.1): Weinstein's characterisation of a leadership "
    '"neither of which is ready to stop fighting"',
    "hardliner_exposure": "the military commission and the Haqqani network sit in Quetta and "
    "Miranshah, the political office in Doha (7.13.8); the size is an assumption; against the "
    "pragmatists' 0.3 it decides the sign of pressure's effect on the hardliners' weight",
    "hardliner_veto_weight": "Cunningham 2006 (veto players): a majority of the leadership; "
    "the size is an assumption (7.13.9); under 'stay' the weight sits near it",
    "hardliner_veto_spread": "assumption (7.13.9): the shura's attendance and alliances are "
    "unseen; with the weight near the line under 'stay', it sets how often the veto binds",
    "taliban_us_exit_belief": "assumption (7.13.1): the Taliban's reading of US staying power "
    "(a Gamma prior worth one year); decides the 'stay' result",
    "eid_truce_value": "assumption (7.13.9): must exceed the three-day cost of about 0.002 for the "
    "truces of 2018-2021 to happen",
    "pakistan_belief_effect": "Moeed Yusuf, 21 Jan 2021, quoted in Weinstein 2021: Islamabad's "
    "stated position, not a measured belief; assumed and swept (7.1); replaces the learning of "
    "version 1's design",
    "surrender_deal_rate": "tuned (7.9, 7.23): with the consolidation's trigger and withdrawal "
    "rate, to the Long War Journal's and Gen. Milley's tallies of May-July 2021 (73 on 1 May, "
    "104 on 16 June, 204 on 10 July, 212 of 419 on 21 July)",
    "bandwagon_weight": "assumption (7.20): the bandwagon's weight was an implicit 1 (the "
    "referee's point); swept in the sensitivity of the collapse week (ODD 7.20)",
    "fragmentation_prob": "Bohorquez et al. 2009 (fragmentation into individuals, here sections, "
    "on attack); value assumed, range 0.1-0.5 (the event-size exponent falls as it rises)",
    "coalescence_rate": "Bohorquez et al. 2009 (coalescence with probability proportional to "
    "size); value assumed, range 0.1-1",
    "lethality": "calibration constant for the casualty scale (UNAMA, UCDP)",
    "recruitment_rate": "calibration constant; 1 = recruitment roughly replaces losses at the "
    "defaults",
    "seasonality": "scales the extra winter fatigue of units on high ground (7.5); no longer a "
    "multiplier of attack rates. The value 0.7 was tuned in version 1, when it was that "
    "multiplier; it has not been retuned",
    **{switch_name(m.name): (f"{m.group} mechanism (7.16); default on") for m in MECHANISMS},
}
"""Where each parameter's default and range come from (ODD Section 8.1), by parameter."""
