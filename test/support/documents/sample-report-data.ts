/**
 * Texts of the sample report (tests): the actors, objectives and
 * activities of an Inter-American programme on the human rights of migrants,
 * and sentences to write reports with, in Spanish and English.
 */
import type { ChapterGroup } from '../../../src/domain/consolidated-report.ts';

type Bilingual = { es: string; en: string };

export type SampleActor = {
  key: string;
  group: ChapterGroup;
  name: Bilingual;
  acronym: string | null;
  iso: string | null;
};

export const SAMPLE_ORGANS: SampleActor[] = [
  {
    key: 'iachr',
    group: 'oas',
    name: { es: 'Comisión Interamericana de Derechos Humanos', en: 'Inter-American Commission on Human Rights' },
    acronym: 'CIDH',
    iso: null,
  },
  {
    key: 'cim',
    group: 'oas',
    name: { es: 'Comisión Interamericana de Mujeres', en: 'Inter-American Commission of Women' },
    acronym: 'CIM',
    iso: null,
  },
  {
    key: 'ddse',
    group: 'oas',
    name: { es: 'Departamento de Desarrollo Social y Empleo', en: 'Department of Social Development and Employment' },
    acronym: 'DDSE',
    iso: null,
  },
  {
    key: 'paho',
    group: 'specialized',
    name: { es: 'Organización Panamericana de la Salud', en: 'Pan American Health Organization' },
    acronym: 'OPS',
    iso: null,
  },
  {
    key: 'iin',
    group: 'specialized',
    name: {
      es: 'Instituto Interamericano del Niño, la Niña y Adolescentes',
      en: 'Inter-American Children’s Institute',
    },
    acronym: 'IIN',
    iso: null,
  },
  {
    key: 'iom',
    group: 'others',
    name: { es: 'Organización Internacional para las Migraciones', en: 'International Organization for Migration' },
    acronym: 'OIM',
    iso: null,
  },
];

const STATE_NAMES: [string, string, string][] = [
  ['AG', 'Antigua y Barbuda', 'Antigua and Barbuda'],
  ['AR', 'Argentina', 'Argentina'],
  ['BS', 'Bahamas', 'The Bahamas'],
  ['BB', 'Barbados', 'Barbados'],
  ['BZ', 'Belice', 'Belize'],
  ['BO', 'Bolivia', 'Bolivia'],
  ['BR', 'Brasil', 'Brazil'],
  ['CA', 'Canadá', 'Canada'],
  ['CL', 'Chile', 'Chile'],
  ['CO', 'Colombia', 'Colombia'],
  ['CR', 'Costa Rica', 'Costa Rica'],
  ['CU', 'Cuba', 'Cuba'],
  ['DM', 'Dominica', 'Dominica'],
  ['EC', 'Ecuador', 'Ecuador'],
  ['SV', 'El Salvador', 'El Salvador'],
  ['US', 'Estados Unidos', 'United States'],
  ['GD', 'Grenada', 'Grenada'],
  ['GT', 'Guatemala', 'Guatemala'],
  ['GY', 'Guyana', 'Guyana'],
  ['HT', 'Haití', 'Haiti'],
  ['HN', 'Honduras', 'Honduras'],
  ['JM', 'Jamaica', 'Jamaica'],
  ['MX', 'México', 'Mexico'],
  ['NI', 'Nicaragua', 'Nicaragua'],
  ['PA', 'Panamá', 'Panama'],
  ['PY', 'Paraguay', 'Paraguay'],
  ['PE', 'Perú', 'Peru'],
  ['DO', 'República Dominicana', 'Dominican Republic'],
  ['KN', 'Saint Kitts y Nevis', 'Saint Kitts and Nevis'],
  ['LC', 'Santa Lucía', 'Saint Lucia'],
  ['VC', 'San Vicente y las Granadinas', 'Saint Vincent and the Grenadines'],
  ['SR', 'Suriname', 'Suriname'],
  ['TT', 'Trinidad y Tobago', 'Trinidad and Tobago'],
  ['UY', 'Uruguay', 'Uruguay'],
  ['VE', 'Venezuela', 'Venezuela'],
];

export const SAMPLE_STATES: SampleActor[] = STATE_NAMES.map(([iso, es, en]) => ({
  key: `state-${iso.toLowerCase()}`,
  group: 'states',
  name: { es, en },
  acronym: null,
  iso,
}));

export const SAMPLE_OBJECTIVES: Bilingual[] = [
  {
    es: 'Proteger los derechos humanos de los migrantes y sus familias en los países de origen, tránsito y destino',
    en: 'Protect the human rights of migrants and their families in countries of origin, transit and destination',
  },
  {
    es: 'Promover la gestión eficaz y ordenada de los flujos migratorios',
    en: 'Promote the effective and orderly management of migration flows',
  },
  {
    es: 'Intercambiar información sobre legislación y políticas migratorias',
    en: 'Exchange information on migration legislation and policies',
  },
  {
    es: 'Atender las necesidades de las mujeres migrantes y combatir la violencia contra ellas',
    en: 'Address the needs of migrant women and combat violence against them',
  },
  {
    es: 'Proteger a los niños, niñas y adolescentes migrantes, en especial a los no acompañados',
    en: 'Protect migrant children and adolescents, especially unaccompanied ones',
  },
  {
    es: 'Garantizar el debido proceso y condiciones dignas en la detención migratoria',
    en: 'Guarantee due process and humane conditions in immigration detention',
  },
  {
    es: 'Promover los derechos laborales de los trabajadores migratorios',
    en: 'Promote the labour rights of migrant workers',
  },
  {
    es: 'Asegurar el acceso de los migrantes a la salud y a la educación',
    en: 'Ensure migrants’ access to health care and education',
  },
  {
    es: 'Prevenir y combatir la trata de personas y el tráfico ilícito de migrantes',
    en: 'Prevent and combat trafficking in persons and the smuggling of migrants',
  },
  {
    es: 'Fortalecer la asistencia y protección consular',
    en: 'Strengthen consular assistance and protection',
  },
  {
    es: 'Combatir la discriminación y la xenofobia contra los migrantes',
    en: 'Combat discrimination and xenophobia against migrants',
  },
  {
    es: 'Incorporar los derechos de los migrantes como eje transversal de la OEA',
    en: 'Mainstream the rights of migrants across the work of the OAS',
  },
];

/** Two activities for each of the first ten objectives, one for the last two: 22 in all. */
export const SAMPLE_ACTIVITIES: { objective: number; text: Bilingual }[] = [
  [
    0,
    'Difundir los instrumentos interamericanos de derechos humanos aplicables a los migrantes',
    'Disseminate the inter-American human rights instruments that apply to migrants',
  ],
  [
    0,
    'Revisar la legislación nacional a la luz de la Convención Internacional sobre trabajadores migratorios',
    'Review national legislation in light of the International Convention on migrant workers',
  ],
  [
    1,
    'Establecer mecanismos de cooperación entre países de origen, tránsito y destino',
    'Set up cooperation mechanisms among countries of origin, transit and destination',
  ],
  [
    1,
    'Elaborar estadísticas migratorias comparables en la región',
    'Produce comparable migration statistics in the region',
  ],
  [
    2,
    'Mantener una base de datos sobre legislación migratoria de la región',
    'Maintain a database of the region’s migration legislation',
  ],
  [2, 'Organizar talleres de intercambio de mejores prácticas', 'Hold workshops to exchange best practices'],
  [
    3,
    'Desarrollar programas de protección para mujeres jefas de hogar migrantes',
    'Develop protection programmes for migrant women heads of household',
  ],
  [
    3,
    'Investigar la migración femenina y su impacto en la familia',
    'Research female migration and its impact on the family',
  ],
  [
    4,
    'Adoptar protocolos de atención a niños, niñas y adolescentes no acompañados',
    'Adopt protocols for the care of unaccompanied children and adolescents',
  ],
  [
    4,
    'Capacitar a funcionarios de fronteras en la protección de la niñez migrante',
    'Train border officials in the protection of migrant children',
  ],
  [
    5,
    'Supervisar las condiciones de los centros de detención migratoria',
    'Monitor conditions in immigration detention centres',
  ],
  [
    5,
    'Garantizar asistencia letrada gratuita en procedimientos migratorios',
    'Guarantee free legal aid in immigration proceedings',
  ],
  [
    6,
    'Promover la portabilidad de la seguridad social de los trabajadores migratorios',
    'Promote the portability of migrant workers’ social security',
  ],
  [6, 'Fiscalizar las agencias privadas de contratación de trabajadores', 'Oversee private recruitment agencies'],
  [
    7,
    'Garantizar la atención de salud de urgencia con independencia de la situación migratoria',
    'Guarantee emergency health care regardless of migration status',
  ],
  [
    7,
    'Facilitar la escolarización de los hijos e hijas de migrantes',
    'Facilitate the schooling of migrants’ children',
  ],
  [
    8,
    'Tipificar la trata de personas conforme al Protocolo de Palermo',
    'Criminalize trafficking in persons in line with the Palermo Protocol',
  ],
  [
    8,
    'Establecer albergues y servicios para víctimas de trata',
    'Set up shelters and services for victims of trafficking',
  ],
  [
    9,
    'Capacitar al personal consular en derechos humanos de los migrantes',
    'Train consular staff in the human rights of migrants',
  ],
  [9, 'Crear redes de protección consular en la región', 'Create regional consular protection networks'],
  [
    10,
    'Realizar campañas contra la xenofobia y la discriminación',
    'Run campaigns against xenophobia and discrimination',
  ],
  [
    11,
    'Incluir un capítulo sobre migrantes en los informes anuales a la Asamblea General',
    'Include a chapter on migrants in the annual reports to the General Assembly',
  ],
].map(([objective, es, en]) => ({ objective: objective as number, text: { es: es as string, en: en as string } }));

/** Sentences reports are written with; `{state}` is replaced by the actor's name. */
export const SAMPLE_SENTENCES: Record<'es' | 'en', string[]> = {
  es: [
    'Durante el periodo, {state} organizó talleres de capacitación dirigidos a funcionarios de migración, policías de frontera y personal consular.',
    'Se aprobó un protocolo interinstitucional para la atención de niños, niñas y adolescentes migrantes no acompañados.',
    'La autoridad migratoria actualizó su reglamento para incorporar garantías del debido proceso en los procedimientos de deportación.',
    'Se firmó un memorándum de entendimiento para la repatriación digna, ordenada, ágil y segura de nacionales por vía terrestre.',
    'El Ministerio de Trabajo inspeccionó agencias de contratación y sancionó a las que cobraban comisiones indebidas a los trabajadores.',
    'Se realizó una campaña nacional de sensibilización contra la xenofobia en escuelas, medios de comunicación y redes sociales.',
    'La Defensoría del Pueblo visitó los centros de detención migratoria y publicó recomendaciones sobre hacinamiento y acceso a abogados.',
    'Los consulados ampliaron su horario de atención y habilitaron una línea telefónica gratuita para emergencias.',
    'En coordinación con la sociedad civil se abrieron dos albergues para víctimas de trata de personas.',
    'Se elaboró un informe estadístico sobre flujos migratorios, desagregado por sexo, edad y nacionalidad.',
    'La reforma de la ley de migración fue presentada al Congreso y se encuentra en segundo debate.',
    'Las mujeres migrantes jefas de hogar recibieron asesoría jurídica y apoyo psicosocial en los centros comunitarios.',
    'Se capacitó a jueces y fiscales en la identificación de víctimas de trata y en la aplicación del Protocolo de Palermo.',
    'Los hijos e hijas de trabajadores migratorios fueron matriculados en escuelas públicas sin exigirles documentos de identidad.',
    'El Gobierno participó activamente en la Conferencia Regional sobre Migración y en la Sesión Especial de la CAJP.',
    'Se firmó un convenio bilateral de seguridad social que permite sumar los periodos cotizados en ambos países.',
  ],
  en: [
    'During the period, {state} held training workshops for migration officers, border police and consular staff.',
    'An inter-agency protocol for the care of unaccompanied migrant children and adolescents was adopted.',
    'The migration authority updated its regulations to include due process guarantees in deportation proceedings.',
    'A memorandum of understanding was signed for the dignified, orderly, swift and safe repatriation of nationals by land.',
    'The Ministry of Labour inspected recruitment agencies and sanctioned those charging workers undue fees.',
    'A national awareness campaign against xenophobia was run in schools, the media and social networks.',
    'The Ombudsman visited immigration detention centres and published recommendations on overcrowding and access to lawyers.',
    'Consulates extended their opening hours and set up a free emergency telephone line.',
    'Together with civil society, two shelters for victims of trafficking in persons were opened.',
    'A statistical report on migration flows, broken down by sex, age and nationality, was produced.',
    'The reform of the migration law was submitted to Congress and is in its second reading.',
    'Migrant women heads of household received legal advice and psychosocial support in community centres.',
    'Judges and prosecutors were trained to identify victims of trafficking and to apply the Palermo Protocol.',
    'The children of migrant workers were enrolled in public schools without being asked for identity documents.',
    'The Government took an active part in the Regional Conference on Migration and in the Special Session of the CAJP.',
    'A bilateral social security agreement was signed that lets workers add up their contribution periods in both countries.',
  ],
};

export const SAMPLE_FRAME: Record<
  'es' | 'en',
  {
    title: string;
    subtitle: string;
    programme: string;
    shortTitle: string;
    adoptionDate: string;
    generatedOn: string;
    introduction: string[];
    background: string[];
    conclusion: string[];
    levels: [string, string];
    pending: string;
    notReportedType: string;
  }
> = {
  es: {
    title:
      'Informe anual 2008 sobre la implementación del Programa Interamericano para la Promoción y Protección de los Derechos Humanos de los Migrantes',
    subtitle: 'Informe consolidado de los órganos, organismos y entidades de la OEA y de los Estados Miembros',
    programme:
      'Programa Interamericano para la Promoción y Protección de los Derechos Humanos de los Migrantes, incluyendo los Trabajadores Migratorios y sus Familias',
    shortTitle: 'Programa Interamericano sobre migrantes',
    adoptionDate: '7 de junio de 2005',
    generatedOn: '31 de marzo de 2009',
    introduction: [
      'La migración no es un fenómeno reciente, sino que ha sido una constante en la historia de los pueblos desde siempre. El flujo continuo de personas ha sido el factor determinante en el intercambio de ideas, tradiciones y costumbres, avances tecnológicos y expresiones artísticas.',
      'En 2008 la Organización Internacional para las Migraciones estimó que existen más de 200 millones de migrantes en el mundo, lo que equivale al 3&nbsp;% de la población mundial.',
      'Durante los últimos años, prácticamente todos los países de la región se han transformado en países de origen, tránsito y destino de migrantes. Como resultado de ello, los derechos humanos de los migrantes y sus familias se han transformado en temas prioritarios de la agenda política de la <strong>Organización de los Estados Americanos</strong>.',
    ],
    background: [
      'La Asamblea General, en su trigésimo quinto período ordinario de sesiones, celebrado en Fort Lauderdale, Florida, adoptó el Programa Interamericano mediante su resolución AG/RES. 2141 (XXXV-O/05) el día 7 de junio de 2005.',
      'En esta misma resolución, la Asamblea General convocó la sesión anual de la CAJP para recibir los informes sobre las actividades llevadas a cabo en apoyo del Programa, compartir mejores prácticas y elaborar nuevas propuestas.',
    ],
    conclusion: [
      'La protección de los derechos humanos de los migrantes es fundamental para el hemisferio, y la implementación y el seguimiento del Programa Interamericano son de esencial importancia en esta labor.',
      'Por lo tanto, el Secretario General solicita a los Estados Miembros que desarrollen las actividades específicas encomendadas por el Programa y que sigan presentando sus informes en las Sesiones Especiales anuales de la Comisión de Asuntos Jurídicos y Políticos.',
    ],
    levels: ['Objetivos', 'Actividades'],
    pending: 'Enviado a la autoridad validadora',
    notReportedType: 'Estado Miembro',
  },
  en: {
    title:
      '2008 annual report on the implementation of the Inter-American Program for the Promotion and Protection of the Human Rights of Migrants',
    subtitle: 'Consolidated report of the OAS organs, agencies and entities and of the Member States',
    programme:
      'Inter-American Program for the Promotion and Protection of the Human Rights of Migrants, including Migrant Workers and their Families',
    shortTitle: 'Inter-American Program on migrants',
    adoptionDate: 'June 7, 2005',
    generatedOn: 'March 31, 2009',
    introduction: [
      'Migration is not a recent phenomenon: it has always been a constant in the history of peoples. The continuous movement of people has been decisive in the exchange of ideas, traditions and customs, technology and art.',
      'In 2008 the International Organization for Migration estimated that there were more than 200 million migrants in the world, 3% of the world’s population.',
      'In recent years practically every country in the region has become a country of origin, transit and destination of migrants. As a result, the human rights of migrants and their families have become priorities on the political agenda of the <strong>Organization of American States</strong>.',
    ],
    background: [
      'At its thirty-fifth regular session, held in Fort Lauderdale, Florida, the General Assembly adopted the Inter-American Program in resolution AG/RES. 2141 (XXXV-O/05) on June 7, 2005.',
      'In the same resolution, the General Assembly convened the annual session of the CAJP to receive reports on the activities carried out in support of the Program, share best practices and draw up new proposals.',
    ],
    conclusion: [
      'The protection of the human rights of migrants is essential for the hemisphere, and the implementation and follow-up of the Inter-American Program are of the utmost importance to that end.',
      'The Secretary General therefore asks the Member States to carry out the specific activities the Program assigns to them and to keep presenting their reports at the annual Special Sessions of the Committee on Juridical and Political Affairs.',
    ],
    levels: ['Objectives', 'Activities'],
    pending: 'Submitted to the validating authority',
    notReportedType: 'Member State',
  },
};
