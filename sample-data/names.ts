import type { Random } from './random.ts';

/** Word lists for people, companies and campaigns. Domains use the reserved `.example` top-level domain. */

export const FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Oliver', 'Sophia', 'Elijah', 'Isabella', 'James', 'Mia', 'William',
  'Amelia', 'Benjamin', 'Harper', 'Lucas', 'Evelyn', 'Henry', 'Abigail', 'Alexander', 'Emily', 'Daniel', 'Ella',
  'Michael', 'Scarlett', 'Mateo', 'Grace', 'Samuel', 'Chloe', 'David', 'Victoria', 'Joseph', 'Riley', 'Carter',
  'Aria', 'Owen', 'Lily', 'Wyatt', 'Nora', 'John', 'Zoey', 'Jack', 'Hannah', 'Luke', 'Layla', 'Jayden', 'Priya',
  'Arjun', 'Wei', 'Mei', 'Hiroshi', 'Yuki', 'Fatima', 'Omar', 'Aisha', 'Kwame', 'Ngozi', 'Sven', 'Ingrid', 'Lars',
  'Anna', 'Lukas', 'Lena', 'Jonas', 'Marie', 'Pierre', 'Camille', 'Hugo', 'Chloé', 'José', 'María', 'Sofía',
  'Javier', 'Lucía', 'Zoë', 'Søren', 'François', 'Björn', 'Łukasz', 'Renée', 'Siobhán', 'Raúl', 'Ana', 'Diego',
  'Rachel', 'Nathan', 'Tessa', 'Marcus', 'Dana', 'Kevin', 'Laura', 'Brian', 'Megan', 'Eric', 'Nicole', 'Sean',
];

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Lee',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright',
  'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera',
  'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Patel', 'Shah', 'Singh', 'Kumar', 'Chen', 'Wang', 'Li', 'Zhang',
  'Tanaka', 'Suzuki', 'Sato', 'Kim', 'Park', 'Okafor', 'Mensah', 'Johansson', 'Lindqvist', 'Nielsen', 'Jensen',
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Dubois', 'Lefèvre', 'Moreau', 'Fernández', 'García',
  'Sánchez', 'Rossi', 'Bianchi', "O'Brien", "O'Connor", 'MacLeod', 'Kowalski', 'Nowak', 'van der Berg', 'de Vries',
  'Costa', 'Silva', 'Murphy', 'Kelly', 'Byrne', 'Walsh', 'Evans', 'Hughes', 'Price', 'Reed', 'Cook', 'Bailey',
];

const NAME_PREFIXES = [
  'Bright', 'Blue', 'North', 'South', 'East', 'West', 'Silver', 'Golden', 'Red', 'Green', 'Iron', 'Stone', 'River',
  'Lake', 'Summit', 'Peak', 'Cedar', 'Oak', 'Pine', 'Maple', 'Willow', 'Harbor', 'Bay', 'Clear', 'True', 'Swift',
  'Bold', 'Prime', 'Nova', 'Astra', 'Terra', 'Aqua', 'Sun', 'Star', 'Moon', 'Sky', 'Cloud', 'Storm', 'Frost',
  'Ember', 'Copper', 'Cobalt', 'Crimson', 'Amber', 'Jade', 'Onyx', 'Quartz', 'Falcon', 'Eagle', 'Fox', 'Wolf',
  'Bear', 'Lion', 'Hawk', 'Orchid', 'Lumen', 'Vertex', 'Apex', 'Zen', 'Kite',
];

const NAME_ROOTS = [
  'wave', 'field', 'point', 'bridge', 'stone', 'line', 'path', 'gate', 'works', 'craft', 'forge', 'mark', 'light',
  'view', 'ridge', 'wood', 'brook', 'haven', 'port', 'spring', 'crest', 'vale', 'wind', 'fire', 'flow', 'shore',
  'tree', 'leaf', 'root', 'wing', 'sail', 'star', 'dale', 'mont', 'stream', 'hill', 'well', 'land', 'core', 'loop',
];

const NAME_DESCRIPTORS = [
  'Analytics', 'Logistics', 'Health', 'Foods', 'Labs', 'Systems', 'Software', 'Robotics', 'Energy', 'Capital',
  'Partners', 'Media', 'Retail', 'Manufacturing', 'Insurance', 'Learning', 'Biotech', 'Consulting', 'Networks',
  'Security', 'Solutions', 'Technologies', 'Holdings', 'Brands', 'Apparel', 'Outfitters', 'Mobility', 'Payments',
  'Clinics', 'Hospitality', 'Properties', 'Studios', 'Digital', 'Cloud', 'Data', 'Markets', 'Supply', 'Freight',
  'Dental', 'Pharma',
];

export const INDUSTRIES = [
  ['Technology', 22], ['Financial Services', 10], ['Healthcare', 9], ['Retail', 8], ['Manufacturing', 9],
  ['Professional Services', 8], ['Education', 5], ['Media', 5], ['Transportation', 6], ['Real Estate', 4],
  ['Energy', 3], ['Hospitality', 4], ['Insurance', 4], ['Telecommunications', 3],
] as const satisfies readonly (readonly [string, number])[];

/** Countries with their share of accounts and the legal forms companies there use. */
export const COUNTRIES = [
  { name: 'United States', weight: 52, legal: [', Inc.', ' Inc.', ' LLC', ', Inc.', ' Corp.'] },
  { name: 'United Kingdom', weight: 11, legal: [' Ltd', ' Limited', ' plc'] },
  { name: 'Germany', weight: 8, legal: [' GmbH', ' AG', ' GmbH & Co. KG'] },
  { name: 'Canada', weight: 6, legal: [' Inc.', ' Ltd.', ' Corp.'] },
  { name: 'France', weight: 4, legal: [' SAS', ' SA', ' SARL'] },
  { name: 'Netherlands', weight: 3, legal: [' B.V.', ' N.V.'] },
  { name: 'Australia', weight: 4, legal: [' Pty Ltd', ' Ltd'] },
  { name: 'Sweden', weight: 2, legal: [' AB'] },
  { name: 'Spain', weight: 2, legal: [' S.L.', ' S.A.'] },
  { name: 'Ireland', weight: 2, legal: [' Ltd', ' DAC'] },
  { name: 'India', weight: 3, legal: [' Pvt. Ltd.', ' Ltd.'] },
  { name: 'Japan', weight: 1, legal: [' K.K.', ' Co., Ltd.'] },
  { name: 'Brazil', weight: 2, legal: [' Ltda.', ' S.A.'] },
] as const;

export type Country = (typeof COUNTRIES)[number];

export const CONTACT_TITLES = [
  ['VP of Sales', 8], ['Head of Revenue Operations', 10], ['Director of Sales Operations', 9], ['CFO', 5],
  ['Chief Revenue Officer', 4], ['Sales Operations Manager', 10], ['Marketing Operations Manager', 8],
  ['Business Analyst', 7], ['Data Analyst', 7], ['Head of Finance', 5], ['VP Marketing', 6], ['CEO', 3],
  ['Director of Customer Success', 5], ['Analytics Engineer', 4], ['Head of Data', 4], ['Founder', 2],
] as const satisfies readonly (readonly [string, number])[];

/** Names of the events the company sponsors, one list per year in the window. */
export const EVENT_NAMES = [
  'RevOps Summit', 'SaaS Growth Conference', 'Data & Analytics Forum', 'Customer Success Expo', 'Sales Leaders Live',
  'CFO Strategy Days', 'Marketing Ops Week', 'B2B Pipeline Forum',
];

export const EVENT_CITIES = ['Boston', 'San Francisco', 'London', 'Berlin', 'New York', 'Austin', 'Amsterdam', 'Chicago', 'Toronto', 'Sydney'];

export const WEBINAR_TITLES = [
  'Forecasting that works', 'From spreadsheet to pipeline', 'The board-ready dashboard', 'Churn is a lagging indicator',
  'Attribution without the arguments', 'Net revenue retention, explained', 'One number for ARR', 'Territory planning in a week',
  'CAC payback in practice', 'The quarter-end checklist', 'Cohorts for busy people', 'Metrics your CFO trusts',
];

export const GUIDE_TITLES = [
  'The SaaS Metrics Handbook', 'Pipeline Hygiene Guide', 'RevOps Benchmark Report', 'The Churn Playbook',
  'Sales Capacity Planning Kit', 'Marketing Attribution Guide', 'The Forecasting Field Guide', 'Dashboards That Get Used',
  'Board Metrics Template Pack', 'The Expansion Revenue Guide', 'Data Team Starter Kit', 'State of B2B Analytics',
];

export interface Person {
  firstName: string;
  lastName: string;
}

export function randomPerson(random: Random): Person {
  return { firstName: random.pick(FIRST_NAMES), lastName: random.pick(LAST_NAMES) };
}

/** `first.last`, folded to ASCII: `Søren Müller` → `soren.muller`. */
export function emailLocalPart(person: Person): string {
  return `${asciiWord(person.firstName)}.${asciiWord(person.lastName)}`;
}

function asciiWord(text: string): string {
  return text
    .replace(/ø/gi, 'o')
    .replace(/ł/gi, 'l')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** A company name such as `Brightwave Analytics, Inc.`, and its web domain. */
export function randomCompanyName(random: Random, country: Country): { name: string; domain: string } {
  const brand = random.pick(NAME_PREFIXES) + random.pick(NAME_ROOTS);
  const descriptor = random.pick(NAME_DESCRIPTORS);
  const legal = random.chance(0.7) ? random.pick(country.legal) : '';
  return { name: `${brand} ${descriptor}${legal}`, domain: `${asciiWord(brand)}${asciiWord(descriptor)}.example` };
}
