import type { ProfessionCode } from "~/vocabulary/roles";

export interface BaselineRequirement {
  profession: ProfessionCode;
  minimumHours: number;
  countsInPerson: boolean;
  countsTelehealth: boolean;
  countsSimulation: boolean;
  simulationCapHours: number | null;
  simulationCapPercent: number | null;
  source: string;
  sourceUrl: string | null;
  notes: string | null;
  effectiveFrom: string;
}

/**
 * The professional bodies' published minimums a new portal starts from. Where a body publishes no
 * figure (or no simulation cap), the note says what is assumed; docs/practice-hours.md lists them.
 * Administrators add later rows as bodies revise their guidance.
 */
export const BASELINE_REQUIREMENTS: readonly BaselineRequirement[] = [
  {
    profession: "PT",
    minimumHours: 1000,
    countsInPerson: true,
    countsTelehealth: true,
    countsSimulation: true,
    simulationCapHours: null,
    simulationCapPercent: 25,
    source: "Chartered Society of Physiotherapy: Learning and development principles for CSP accreditation of qualifying programmes",
    sourceUrl: "https://www.csp.org.uk/",
    notes: "1,000 hours is the CSP minimum. The 25% cap on simulation is an assumption: check it against the programme's accreditation.",
    effectiveFrom: "2020-09-01",
  },
  {
    profession: "OT",
    minimumHours: 1000,
    countsInPerson: true,
    countsTelehealth: true,
    countsSimulation: true,
    simulationCapHours: null,
    simulationCapPercent: 20,
    source: "Royal College of Occupational Therapists: Learning and development standards for pre-registration education (after the WFOT Minimum Standards)",
    sourceUrl: "https://www.rcot.co.uk/",
    notes: "1,000 hours is the WFOT minimum RCOT follows. The 20% cap on simulation is an assumption.",
    effectiveFrom: "2019-09-01",
  },
  {
    profession: "SLT",
    minimumHours: 562.5,
    countsInPerson: true,
    countsTelehealth: true,
    countsSimulation: true,
    simulationCapHours: null,
    simulationCapPercent: 20,
    source: "Royal College of Speech and Language Therapists: Practice-based learning guidance (150 sessions of 3.75 hours)",
    sourceUrl: "https://www.rcslt.org/",
    notes: "150 sessions of 3.75 hours. The 20% cap on simulation is an assumption pending the 2024–25 review.",
    effectiveFrom: "2021-09-01",
  },
  {
    profession: "DIET",
    minimumHours: 1000,
    countsInPerson: true,
    countsTelehealth: true,
    countsSimulation: true,
    simulationCapHours: null,
    simulationCapPercent: 20,
    source: "British Dietetic Association: Curriculum framework for the pre-registration education and training of dietitians",
    sourceUrl: "https://www.bda.uk.com/",
    notes: "1,000 hours of practice-based learning. The 20% cap on simulation is an assumption.",
    effectiveFrom: "2020-09-01",
  },
  {
    profession: "POD",
    minimumHours: 1000,
    countsInPerson: true,
    countsTelehealth: false,
    countsSimulation: true,
    simulationCapHours: null,
    simulationCapPercent: 20,
    source: "Royal College of Podiatry: Quality assurance of pre-registration programmes (1,000 clinical hours)",
    sourceUrl: "https://rcpod.org.uk/",
    notes: "Telehealth not counting and the 20% cap on simulation are assumptions.",
    effectiveFrom: "2020-09-01",
  },
  {
    profession: "RAD",
    minimumHours: 1000,
    countsInPerson: true,
    countsTelehealth: false,
    countsSimulation: true,
    simulationCapHours: null,
    simulationCapPercent: 20,
    source: "Society and College of Radiographers: Education and career framework",
    sourceUrl: "https://www.sor.org/",
    notes: "The College sets no hours figure; 1,000 hours and the 20% cap on simulation are assumptions to replace with the programme's own.",
    effectiveFrom: "2022-09-01",
  },
  {
    profession: "PARA",
    minimumHours: 750,
    countsInPerson: true,
    countsTelehealth: true,
    countsSimulation: true,
    simulationCapHours: null,
    simulationCapPercent: 20,
    source: "College of Paramedics: Paramedic curriculum guidance",
    sourceUrl: "https://collegeofparamedics.co.uk/",
    notes: "750 hours and the 20% cap on simulation are assumptions: the curriculum guidance leaves hours to programmes.",
    effectiveFrom: "2019-09-01",
  },
  {
    profession: "ORTH",
    minimumHours: 1000,
    countsInPerson: true,
    countsTelehealth: false,
    countsSimulation: true,
    simulationCapHours: null,
    simulationCapPercent: 20,
    source: "British and Irish Orthoptic Society: Curriculum framework",
    sourceUrl: "https://www.orthoptics.org.uk/",
    notes: "1,000 hours and the 20% cap on simulation are assumptions to replace with the programme's own.",
    effectiveFrom: "2020-09-01",
  },
];
