import { hashString } from '../random';

/** A synthetic rate center: where numbers of an area code are said to be. */
export interface RateCenter {
  state: string;
  city: string;
  areaCodes: readonly string[];
  zips: readonly string[];
}

/**
 * A small geography for synthetic numbers: one or more cities per state, each with real
 * area codes and a few ZIP codes. Searches by state, city, ZIP or area code resolve here.
 */
export const RATE_CENTERS: readonly RateCenter[] = [
  { state: 'AL', city: 'BIRMINGHAM', areaCodes: ['205'], zips: ['35203'] },
  { state: 'AK', city: 'ANCHORAGE', areaCodes: ['907'], zips: ['99501'] },
  { state: 'AZ', city: 'PHOENIX', areaCodes: ['602', '480'], zips: ['85004'] },
  { state: 'AR', city: 'LITTLE ROCK', areaCodes: ['501'], zips: ['72201'] },
  { state: 'CA', city: 'LOS ANGELES', areaCodes: ['213', '323'], zips: ['90012'] },
  { state: 'CA', city: 'SAN FRANCISCO', areaCodes: ['415', '628'], zips: ['94103'] },
  { state: 'CA', city: 'SAN DIEGO', areaCodes: ['619'], zips: ['92101'] },
  { state: 'CO', city: 'DENVER', areaCodes: ['303', '720'], zips: ['80202'] },
  { state: 'CT', city: 'HARTFORD', areaCodes: ['860'], zips: ['06103'] },
  { state: 'DE', city: 'WILMINGTON', areaCodes: ['302'], zips: ['19801'] },
  { state: 'DC', city: 'WASHINGTON', areaCodes: ['202'], zips: ['20001'] },
  { state: 'FL', city: 'MIAMI', areaCodes: ['305', '786'], zips: ['33130'] },
  { state: 'FL', city: 'ORLANDO', areaCodes: ['407'], zips: ['32801'] },
  { state: 'GA', city: 'ATLANTA', areaCodes: ['404', '678'], zips: ['30303'] },
  { state: 'HI', city: 'HONOLULU', areaCodes: ['808'], zips: ['96813'] },
  { state: 'ID', city: 'BOISE', areaCodes: ['208'], zips: ['83702'] },
  { state: 'IL', city: 'CHICAGO', areaCodes: ['312', '773'], zips: ['60601'] },
  { state: 'IN', city: 'INDIANAPOLIS', areaCodes: ['317'], zips: ['46204'] },
  { state: 'IA', city: 'DES MOINES', areaCodes: ['515'], zips: ['50309'] },
  { state: 'KS', city: 'WICHITA', areaCodes: ['316'], zips: ['67202'] },
  { state: 'KY', city: 'LOUISVILLE', areaCodes: ['502'], zips: ['40202'] },
  { state: 'LA', city: 'NEW ORLEANS', areaCodes: ['504'], zips: ['70112'] },
  { state: 'ME', city: 'PORTLAND', areaCodes: ['207'], zips: ['04101'] },
  { state: 'MD', city: 'BALTIMORE', areaCodes: ['410', '443'], zips: ['21202'] },
  { state: 'MA', city: 'BOSTON', areaCodes: ['617', '857'], zips: ['02108'] },
  { state: 'MI', city: 'DETROIT', areaCodes: ['313'], zips: ['48226'] },
  { state: 'MN', city: 'MINNEAPOLIS', areaCodes: ['612'], zips: ['55401'] },
  { state: 'MS', city: 'JACKSON', areaCodes: ['601'], zips: ['39201'] },
  { state: 'MO', city: 'SAINT LOUIS', areaCodes: ['314'], zips: ['63101'] },
  { state: 'MT', city: 'BILLINGS', areaCodes: ['406'], zips: ['59101'] },
  { state: 'NE', city: 'OMAHA', areaCodes: ['402'], zips: ['68102'] },
  { state: 'NV', city: 'LAS VEGAS', areaCodes: ['702'], zips: ['89101'] },
  { state: 'NH', city: 'MANCHESTER', areaCodes: ['603'], zips: ['03101'] },
  { state: 'NJ', city: 'NEWARK', areaCodes: ['973'], zips: ['07102'] },
  { state: 'NM', city: 'ALBUQUERQUE', areaCodes: ['505'], zips: ['87102'] },
  { state: 'NY', city: 'NEW YORK', areaCodes: ['212', '646'], zips: ['10001', '10007'] },
  { state: 'NY', city: 'BUFFALO', areaCodes: ['716'], zips: ['14202'] },
  { state: 'NC', city: 'RALEIGH', areaCodes: ['919', '984'], zips: ['27601', '27606'] },
  { state: 'NC', city: 'CARY', areaCodes: ['919'], zips: ['27511', '27513'] },
  { state: 'NC', city: 'CHARLOTTE', areaCodes: ['704', '980'], zips: ['28202'] },
  { state: 'ND', city: 'FARGO', areaCodes: ['701'], zips: ['58102'] },
  { state: 'OH', city: 'COLUMBUS', areaCodes: ['614'], zips: ['43215'] },
  { state: 'OK', city: 'OKLAHOMA CITY', areaCodes: ['405'], zips: ['73102'] },
  { state: 'OR', city: 'PORTLAND', areaCodes: ['503', '971'], zips: ['97204'] },
  { state: 'PA', city: 'PHILADELPHIA', areaCodes: ['215', '267'], zips: ['19107'] },
  { state: 'RI', city: 'PROVIDENCE', areaCodes: ['401'], zips: ['02903'] },
  { state: 'SC', city: 'COLUMBIA', areaCodes: ['803'], zips: ['29201'] },
  { state: 'SD', city: 'SIOUX FALLS', areaCodes: ['605'], zips: ['57104'] },
  { state: 'TN', city: 'NASHVILLE', areaCodes: ['615'], zips: ['37203'] },
  { state: 'TX', city: 'AUSTIN', areaCodes: ['512', '737'], zips: ['78701'] },
  { state: 'TX', city: 'DALLAS', areaCodes: ['214', '469'], zips: ['75201'] },
  { state: 'TX', city: 'HOUSTON', areaCodes: ['713', '832'], zips: ['77002'] },
  { state: 'UT', city: 'SALT LAKE CITY', areaCodes: ['801'], zips: ['84101'] },
  { state: 'VT', city: 'BURLINGTON', areaCodes: ['802'], zips: ['05401'] },
  { state: 'VA', city: 'RICHMOND', areaCodes: ['804'], zips: ['23219'] },
  { state: 'WA', city: 'SEATTLE', areaCodes: ['206'], zips: ['98101'] },
  { state: 'WV', city: 'CHARLESTON', areaCodes: ['304'], zips: ['25301'] },
  { state: 'WI', city: 'MILWAUKEE', areaCodes: ['414'], zips: ['53202'] },
  { state: 'WY', city: 'CHEYENNE', areaCodes: ['307'], zips: ['82001'] },
];

/** True when `state` is a two-letter state code of the geography. */
export function isKnownState(state: string): boolean {
  const upper = state.toUpperCase();
  return RATE_CENTERS.some((center) => center.state === upper);
}

/** Rate centers of a state (optionally one city), case-insensitive. */
export function centersOf(state: string, city?: string): RateCenter[] {
  const upperState = state.toUpperCase();
  const upperCity = city?.toUpperCase();
  return RATE_CENTERS.filter(
    (center) => center.state === upperState && (!upperCity || center.city === upperCity),
  );
}

/** The rate center of an area code; unknown area codes get a stable synthetic one. */
export function centerOfAreaCode(areaCode: string): RateCenter {
  const known = RATE_CENTERS.find((center) => center.areaCodes.includes(areaCode));
  if (known) return known;
  const base = RATE_CENTERS[hashString(areaCode) % RATE_CENTERS.length] as RateCenter;
  return { ...base, areaCodes: [areaCode] };
}

/** The rate center of a ZIP code; unknown ZIPs map to a stable synthetic one. */
export function centerOfZip(zip: string): RateCenter {
  const known = RATE_CENTERS.find((center) => center.zips.includes(zip));
  if (known) return known;
  return RATE_CENTERS[hashString(zip.slice(0, 3)) % RATE_CENTERS.length] as RateCenter;
}

/** A stable three-digit LATA for an area code. */
export function lataOf(areaCode: string): string {
  return String(200 + (hashString(`lata:${areaCode}`) % 700));
}
