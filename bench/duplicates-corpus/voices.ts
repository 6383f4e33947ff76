/**
 * How each agency writes its own account of an event: its vocabulary and
 * abbreviations, how it names the family and other professionals, what it
 * notices. Two agencies recording one visit share the facts of it (who was
 * there, what was seen), never a template; related events (a call about an
 * incident, a referral's acknowledgement) share the facts too, as they do in
 * real records.
 */
import type { Random } from './random.ts';
import type { Injury, Observation, TrueEvent } from './timeline.ts';
import { type AgencyKey, agencyOf, type FamilyMember, type World } from './world.ts';

export interface Voice {
  r: Random;
  world: World;
  me: AgencyKey;
  /** Curly apostrophes, as text pasted from Word has. */
  curly: boolean;
  /** Police and some case systems write surnames in capitals. */
  capsSurnames: boolean;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function person(v: Voice, m: FamilyMember | undefined, formal = false): string {
  if (!m) return '';
  const { r, me } = v;
  const surname = v.capsSurnames ? m.last.toUpperCase() : m.last;
  const adultTitle = m.role === 'partner' ? 'Mr' : 'Ms';
  const isChild = m.role === 'child' || m.role === 'sibling';
  if (me === 'police') {
    return isChild
      ? r.pick([`${m.first} ${surname}`, `${m.first} ${surname} (${m.age})`, m.first])
      : r.pick([`${m.first} ${surname}`, `${adultTitle} ${surname}`]);
  }
  if (isChild) return r.pick([m.first, m.first, formal ? `${m.first} ${m.last}` : m.first]);
  if (m.role === 'mother') {
    return r.pick(
      me === 'hv' || me === 'school'
        ? ['Mum', 'mum', `Mum (${m.first})`, m.first]
        : me === 'gp' || me === 'hospital'
          ? ['mother', 'Mum', `mother ${m.first}`]
          : me === 'housing'
            ? [`Ms ${m.last}`, 'the tenant', `tenant ${m.first} ${m.last}`]
            : ['Mother', `Ms ${m.last}`, m.first, `mother (${m.first})`],
    );
  }
  if (m.role === 'partner') {
    const dad = m.roleInCase === 'father';
    return r.pick(
      me === 'hv' || me === 'school'
        ? [dad ? 'Dad' : `Mum's partner ${m.first}`, m.first]
        : me === 'housing'
          ? [`Mr ${m.last}`, `the tenant's partner`]
          : [dad ? 'Father' : 'partner', `Mr ${m.last}`, m.first, `${m.first} ${m.last}`],
    );
  }
  return r.pick(['maternal grandmother', `MGM (${m.first})`, `Mrs ${m.last}`, 'Nan']);
}

function childOf(v: Voice, e: TrueEvent, formal = false): string {
  const m = e.facts.who === 'sibling' ? v.world.sibling : v.world.child;
  return person(v, m ?? v.world.child, formal);
}

/** How `v.me` names a practitioner of agency `k`. */
function practitioner(v: Voice, k: AgencyKey, e: TrueEvent): string {
  const { r } = v;
  const a = agencyOf(v.world, k);
  const worker = a.workers[e.facts.worker?.[k] ?? 0] ?? a.workers[0];
  if (!worker) return a.name;
  const full = `${worker.first} ${worker.last}`;
  if (k === v.me) {
    return r.pick(['I', 'writer', full, `${worker.short} ${worker.last}`]);
  }
  switch (k) {
    case 'police':
      return r.pick([
        `${worker.short} ${worker.number ?? ''} ${worker.last}`.replace(/\s+/g, ' '),
        `${worker.short} ${worker.last}`,
        'police',
        'officers',
        `${worker.short} ${full}`,
      ]);
    case 'gp':
      return worker.short === 'Dr'
        ? r.pick([`Dr ${worker.last}`, 'the GP', 'GP', `GP Dr ${worker.last}`])
        : r.pick(['practice nurse', `${worker.first} (practice nurse)`]);
    case 'hv':
      return r.pick([
        `HV ${full}`,
        `${full} (Health Visitor)`,
        'the health visitor',
        'HV',
        `health visitor ${worker.first}`,
      ]);
    case 'csc':
      return r.pick([
        `SW ${full}`,
        `${full} (social worker)`,
        'the social worker',
        'social care',
        `${worker.first} from MASH`,
        'MASH',
        "Children's Services",
      ]);
    case 'school':
      return r.pick([
        `${full} (DSL)`,
        `the DSL at ${a.name}`,
        'school',
        `DSL ${worker.last}`,
        a.name,
      ]);
    case 'hospital':
      return r.pick([
        `${full} (${worker.title})`,
        'the hospital',
        'ED',
        'A&E',
        `${worker.title} ${worker.last}`,
        'paediatric liaison',
      ]);
    case 'housing':
      return r.pick([
        `${full} (Housing Officer)`,
        'housing',
        `housing officer ${worker.first}`,
        a.name,
      ]);
  }
}

const INJURY_WORDS: Record<Injury['kind'], string[]> = {
  bruise: ['bruise', 'bruising', 'bruised area'],
  burn: ['burn', 'burn mark', 'blistered burn'],
  scratch: ['scratch', 'linear scratch marks', 'scratches'],
  cut: ['cut', 'laceration', 'small cut'],
  mark: ['red mark', 'mark', 'reddened area'],
};

function injury(v: Voice, i: Injury | undefined): string {
  if (!i) return 'an injury';
  const { r } = v;
  const word = r.pick(INJURY_WORDS[i.kind]);
  return r.pick([
    `${word} to the ${i.site}`,
    `${i.size} ${word} on ${i.site}`,
    `${word} (${i.size}) ${i.site}`,
    `${word} ${i.site}`,
  ]);
}

const OBSERVED: Record<Observation, string[]> = {
  mould: [
    'black mould on the bedroom wall',
    'damp and mould in the bedroom',
    'mould around the windows',
    'condensation and mould in the back bedroom',
  ],
  'no-food': [
    'little food in the kitchen',
    'fridge almost empty',
    'no food in the property',
    'cupboards bare',
  ],
  'dog-mess': [
    'dog faeces on the kitchen floor',
    'smell of dog urine',
    'two dogs loose in the house',
    'dog mess in the garden and hall',
  ],
  cold: [
    'house very cold, heating not on',
    'no heating, children in coats',
    'property cold; boiler broken',
    'cold home',
  ],
  clutter: [
    'home cluttered with bags of washing',
    'rooms very cluttered',
    'floor covered in clothes and toys',
    'hoarded items in the hallway',
  ],
  'no-bed': [
    'no bed for the child, sleeping on a mattress',
    'child sleeping on the sofa',
    'no cot seen',
    'mattress on the floor only',
  ],
  smoke: [
    'strong smell of cannabis',
    'smoke-filled living room',
    'smell of smoke',
    'cigarette ends in reach of the children',
  ],
  bottles: [
    'empty cans and bottles in the kitchen',
    'alcohol bottles on the side',
    'several empty vodka bottles',
    'cans of lager on the table',
  ],
  clean: ['home clean and tidy', 'house tidy', 'home conditions good', 'property well kept'],
  'warm-interaction': [
    'warm interaction between mother and child',
    'child went to mum for comfort',
    'good attachment observed',
    'mum responsive to cues',
  ],
  nappy: ['heavy nappy, sore rash', 'nappy rash noted', 'child in soiled nappy', 'very wet nappy'],
  'tired-mother': [
    'mum presented as tired and low',
    'mother appeared exhausted',
    'mum tearful',
    'mother flat in mood',
  ],
};

function observed(v: Voice, obs: readonly Observation[] | undefined, n = 2): string {
  const picked = v.r.sample(obs ?? [], v.r.int(1, n));
  return picked.map((o) => v.r.pick(OBSERVED[o])).join('; ');
}

function where(v: Voice, e: TrueEvent): string {
  const { address, grandmother } = v.world;
  const home = `${address.house} ${address.street}`;
  if (e.facts.where === 'school') return agencyOf(v.world, 'school').name;
  if (e.facts.where === 'grandmother')
    return grandmother ? `maternal grandmother's address` : "a relative's address";
  return v.r.pick([
    'the home address',
    home,
    `${home}, ${v.world.town}`,
    'home',
    'the family home',
  ]);
}

function presentList(v: Voice, e: TrueEvent): string {
  const names = (e.facts.present ?? ['mother']).map((p) =>
    person(
      v,
      p === 'mother' ? v.world.mother : p === 'partner' ? v.world.partner : v.world.grandmother,
    ),
  );
  return names.filter(Boolean).join(' and ');
}

/** How one side names the other agency in a communication. */
function other(v: Voice, e: TrueEvent): AgencyKey {
  return (e.from === v.me ? e.to : e.from) as AgencyKey;
}

function modeWord(v: Voice, e: TrueEvent, outgoing: boolean): string {
  const { r } = v;
  switch (e.facts.mode) {
    case 'email':
      return r.pick(
        outgoing
          ? ['Email sent to', 'Secure email to', 'Emailed']
          : ['Email received from', 'Secure email from', 'Email from'],
      );
    case 'letter':
      return r.pick(
        outgoing ? ['Letter sent to', 'Letter to'] : ['Letter received from', 'Letter from'],
      );
    case 'form':
      return r.pick(
        outgoing
          ? ['Online referral form submitted to', 'Referral form sent to']
          : ['Referral form received from', 'Online form from'],
      );
    default:
      return r.pick(
        outgoing
          ? ['Telephone call to', 'Phoned', 'T/C to', 'Call made to']
          : ['Telephone call from', 'Call from', 'T/C from', 'Phone call received from'],
      );
  }
}

function aboutText(v: Voice, about: TrueEvent | undefined): string {
  if (!about) return 'the family';
  const { r } = v;
  switch (about.kind) {
    case 'da-incident': {
      const i = about.facts.incident;
      return r.pick([
        'a domestic incident at the home',
        `police attendance at the home following ${i?.cause ?? 'an argument'}`,
        `a domestic abuse incident between ${person(v, v.world.mother)} and ${person(v, v.world.partner)}`,
        `DA incident reported to police${i?.arrest ? `; ${person(v, v.world.partner)} arrested` : ''}`,
      ]);
    }
    case 'ed-attendance':
      return r.pick([
        `${childOf(v, about)}'s attendance at ED with ${about.facts.purpose}`,
        `A&E attendance (${about.facts.purpose})`,
        `${childOf(v, about)} being seen at hospital with ${about.facts.purpose}`,
      ]);
    case 'school-concern':
      return about.facts.injury
        ? `${injury(v, about.facts.injury)} seen on ${childOf(v, about)} at school`
        : `concerns at school: ${childOf(v, about)} ${about.facts.purpose}`;
    case 'hv-visit':
    case 'housing-visit':
    case 'sw-visit':
      return about.facts.injury
        ? `${injury(v, about.facts.injury)} seen at a home visit`
        : `home conditions (${observed(v, about.facts.observations, 1)})`;
    case 'welfare-check':
      return r.pick([
        'the welfare check',
        'police welfare visit last night',
        'police visit to the address',
      ]);
    default:
      return 'the family';
  }
}

type Writer = (v: Voice, e: TrueEvent) => string;

const POLICE: Partial<Record<TrueEvent['kind'], Writer>> = {
  'da-incident': (v, e) => {
    const i = e.facts.incident;
    const { r } = v;
    const m = person(v, v.world.mother);
    const p = person(v, v.world.partner);
    const caller = {
      mother: m,
      neighbour: 'neighbour',
      child: `child ${childOf(v, e)}`,
      partner: p,
    }[i?.caller ?? 'neighbour'];
    return [
      r.pick([
        `999 call from ${caller} reporting a disturbance at ${where(v, e)}.`,
        `Call from ${caller}: shouting and banging at the address.`,
        `Officers deployed to ${where(v, e)} following call from ${caller}.`,
      ]),
      r.pick([
        `Verbal argument between ${m} and ${p} over ${i?.cause?.replace(/^an? /, '') ?? 'money'}.`,
        `Domestic between IP ${m} and SU ${p}; ${i?.cause}.`,
        `DA incident. ${m} states ${i?.cause}.`,
      ]),
      i?.injury
        ? r.pick([`IP has ${i.injury}.`, `Injury noted: ${i.injury}.`])
        : r.pick(['No injuries.', 'No visible injuries to either party.']),
      i?.childrenPresent
        ? r.pick([
            `Children present in the address, ${childOf(v, e)} seen asleep upstairs.`,
            `Child ${childOf(v, e)} present during the incident.`,
            'Children in the house at the time.',
          ])
        : 'Children staying elsewhere.',
      i?.arrest
        ? r.pick([
            `${p} arrested for assault and conveyed to custody.`,
            `SU arrested on suspicion of common assault.`,
          ])
        : r.pick([
            `${p} had left prior to police arrival.`,
            'No offences disclosed; words of advice given.',
          ]),
      `DASH completed: ${i?.risk} risk.`,
      r.chance(0.6) ? 'PPN to be submitted.' : '',
    ].join(' ');
  },
  ppn: (v, e) =>
    v.r.pick([
      `PPN submitted to MASH regarding ${aboutText(v, e.about)}. Child ${childOf(v, e)} listed.`,
      `Public Protection Notice completed and sent to Children's Services re DA occurrence. Risk ${e.about?.facts.incident?.risk}.`,
      `Child concern PPN raised for ${childOf(v, e)} following ${aboutText(v, e.about)}.`,
    ]),
  strategy: (v, e) =>
    v.r.pick([
      `Strategy discussion with ${practitioner(v, 'csc', e)}${e.recordedBy.includes('hv') ? ` and ${practitioner(v, 'hv', e)}` : ''}. ${cap(e.facts.decision ?? '')}. ${practitioner(v, 'police', e)} to attend.`,
      `Attended strat meeting re ${childOf(v, e)} ${e.facts.injury ? `(${injury(v, e.facts.injury)})` : ''}. Outcome: ${e.facts.decision}.`,
      `Strategy meeting held by telephone with social care. Agreed ${e.facts.decision}.`,
    ]),
  's47-visit': (v, e) =>
    v.r.pick([
      `Joint visit with ${practitioner(v, 'csc', e)} to ${where(v, e)}. ${childOf(v, e)} seen with ${presentList(v, e)}. ${observed(v, e.facts.observations)}.`,
      `S47 joint visit completed. ${childOf(v, e)} spoken to${e.facts.injury ? `, ${injury(v, e.facts.injury)} observed` : ''}. ${observed(v, e.facts.observations, 1)}.`,
      `Attended ${where(v, e)} with social worker. ${presentList(v, e)} present. Account obtained from ${person(v, v.world.mother)}.`,
    ]),
  meeting: (v, e) =>
    v.r.pick([
      `${e.facts.meeting} attended by ${practitioner(v, 'police', e)}. ${cap(e.facts.decision ?? '')}.`,
      `Police input provided to ${e.facts.meeting} for ${childOf(v, e)}: previous DA occurrences shared. Outcome ${e.facts.decision}.`,
    ]),
  'welfare-request': (v, e) =>
    v.r.pick([
      `Request from ${practitioner(v, 'csc', e)} for a welfare check on ${childOf(v, e)} at ${where(v, e)}: family not seen and not answering calls.`,
      `Call from Children's Services asking police to conduct a safe and well check; no contact with the family for two weeks.`,
    ]),
  'welfare-check': (v, e) =>
    v.r.pick([
      `Officers attended ${where(v, e)} for safe and well check. ${childOf(v, e)} seen and well. ${observed(v, e.facts.observations, 1)}.`,
      `Safe and well check completed. ${presentList(v, e)} at the address; ${childOf(v, e)} seen in bed.`,
    ]),
  'info-call': (v, e) =>
    e.from === 'police'
      ? v.r.pick([
          `Update given to ${practitioner(v, 'csc', e)} following ${aboutText(v, e.about)}.`,
          `Emailed outcome of the welfare check to social care.`,
        ])
      : `${modeWord(v, e, false)} ${practitioner(v, e.from as AgencyKey, e)} regarding ${aboutText(v, e.about)}.`,
};

const CSC: Partial<Record<TrueEvent['kind'], Writer>> = {
  ppn: (v, e) =>
    v.r.pick([
      `Contact received: police notification (PPN) regarding ${aboutText(v, e.about)}. ${e.about?.facts.incident?.childrenPresent ? 'Children reported to be present.' : ''}`,
      `MASH: PPN received from ${agencyOf(v.world, 'police').name} re domestic incident${e.about?.facts.incident?.arrest ? `; ${person(v, v.world.partner)} arrested` : ''}. Risk level ${e.about?.facts.incident?.risk}.`,
      `Police notification received. ${cap(aboutText(v, e.about))}. Logged for MASH screening.`,
    ]),
  'mash-decision': (v, e) =>
    v.r.pick([
      `MASH decision: ${e.facts.decision}. Checks completed with health and education.`,
      `Screening outcome — ${e.facts.decision}. Rationale: ${v.r.pick(['previous history of DA', 'first notification', 'repeat concerns', 'child under 5'])}.`,
      `Manager's decision on contact: ${e.facts.decision}.`,
    ]),
  referral: (v, e) => {
    const from = e.from as AgencyKey;
    return v.r.pick([
      `Contact received from ${practitioner(v, from, e)}: ${aboutText(v, e.about)}.${e.facts.injury ? ` ${cap(injury(v, e.facts.injury))}; ${childOf(v, e)} ${e.facts.injury.explanation}.` : ''}`,
      `Referral from ${agencyOf(v.world, from).name}. ${cap(aboutText(v, e.about))}. Referrer ${practitioner(v, from, e)}.`,
      `MASH contact (${e.facts.mode === 'phone' ? 'telephone' : 'online form'}) from ${practitioner(v, from, e)} re ${childOf(v, e)}: ${aboutText(v, e.about)}.`,
    ]);
  },
  'referral-ack': (v, e) =>
    v.r.pick([
      `Acknowledgement sent to ${practitioner(v, e.to as AgencyKey, e)}: referral received and being screened.`,
      `${modeWord(v, e, true)} ${practitioner(v, e.to as AgencyKey, e)} to confirm receipt of the referral about ${childOf(v, e)}.`,
      `Referrer informed that the contact has been passed to the duty team.`,
    ]),
  'info-call': (v, e) => {
    const o = other(v, e);
    const outgoing = e.from === 'csc';
    return outgoing
      ? v.r.pick([
          `${modeWord(v, e, true)} ${practitioner(v, o, e)} to share ${aboutText(v, e.about)}.`,
          `Information shared with ${agencyOf(v.world, o).name} about ${aboutText(v, e.about)}; asked to monitor ${childOf(v, e)}.`,
          `${practitioner(v, o, e)} informed of ${aboutText(v, e.about)}.`,
        ])
      : v.r.pick([
          `${modeWord(v, e, false)} ${practitioner(v, o, e)}: ${aboutText(v, e.about)}.`,
          `${cap(practitioner(v, o, e))} called with an update on ${aboutText(v, e.about)}.`,
        ]);
  },
  strategy: (v, e) =>
    v.r.pick([
      `Strategy discussion held. Present: ${e.recordedBy
        .filter((k) => k !== 'csc')
        .map((k) => practitioner(v, k, e))
        .join(
          ', ',
        )}, ${practitioner(v, 'csc', e)} (chair). Concern: ${e.facts.injury ? injury(v, e.facts.injury) : aboutText(v, e.about)}. Decision: ${e.facts.decision}.`,
      `Strat discussion re ${childOf(v, e)}. Threshold for S47 met. ${cap(e.facts.decision ?? '')}.`,
      `Multi-agency strategy discussion (Teams). Information shared by ${
        e.recordedBy
          .filter((k) => k !== 'csc')
          .map((k) => agencyOf(v.world, k).name)
          .join(' and ') || 'partners'
      }. Outcome: ${e.facts.decision}.`,
    ]),
  's47-visit': (v, e) =>
    v.r.pick([
      `S47 home visit with ${practitioner(v, 'police', e)}. Seen: ${childOf(v, e)}, ${presentList(v, e)}. ${cap(observed(v, e.facts.observations))}.${e.facts.injury ? ` ${cap(injury(v, e.facts.injury))} seen; ${person(v, v.world.mother)} said ${childOf(v, e)} ${e.facts.injury.explanation}.` : ''}`,
      `Visit to ${where(v, e)} as agreed at strategy. ${childOf(v, e)} seen alone and spoken with. ${cap(observed(v, e.facts.observations, 1))}.`,
      `Joint visit (police and CSC). ${presentList(v, e)} present; ${childOf(v, e)} observed playing. ${cap(observed(v, e.facts.observations))}.`,
    ]),
  'cp-medical': (v, e) =>
    v.r.pick([
      `Accompanied ${childOf(v, e)} and ${person(v, v.world.mother)} to the child protection medical at ${agencyOf(v.world, 'hospital').name}. Paediatrician's view: ${e.facts.decision}.`,
      `CP medical completed by ${practitioner(v, 'hospital', e)}. Findings ${e.facts.decision}.`,
    ]),
  'sw-visit': (v, e) =>
    v.r.pick([
      `Home visit. ${childOf(v, e)} seen with ${presentList(v, e)}. ${cap(observed(v, e.facts.observations))}.`,
      `Statutory visit to ${where(v, e)}. ${cap(observed(v, e.facts.observations, 3))}. Direct work with ${childOf(v, e)}.`,
      `Unannounced visit. ${presentList(v, e)} at home. ${cap(observed(v, e.facts.observations))}.`,
    ]),
  'sw-school-visit': (v, e) =>
    v.r.pick([
      `Visit to ${childOf(v, e)} at ${agencyOf(v.world, 'school').name}; seen alone in the family room. ${childOf(v, e)} said home is "ok".`,
      `Saw ${childOf(v, e)} in school with ${practitioner(v, 'school', e)}. Direct work using three houses tool.`,
    ]),
  'joint-visit': (v, e) => {
    const partner = e.recordedBy.find((k) => k !== 'csc') ?? 'hv';
    return v.r.pick([
      `Joint home visit with ${practitioner(v, partner, e)}. ${presentList(v, e)} present. ${cap(observed(v, e.facts.observations))}.`,
      `JHV with ${agencyOf(v.world, partner).name}. ${childOf(v, e)} seen. ${cap(observed(v, e.facts.observations, 3))}.`,
      `Visited ${where(v, e)} together with ${practitioner(v, partner, e)}. ${cap(observed(v, e.facts.observations))}. Plan discussed with ${person(v, v.world.mother)}.`,
    ]);
  },
  meeting: (v, e) =>
    v.r.pick([
      `${e.facts.meeting} held. Attended: ${
        e.recordedBy
          .filter((k) => k !== 'csc')
          .map((k) => agencyOf(v.world, k).name)
          .join(', ') || 'family only'
      }. ${cap(e.facts.decision ?? '')}.`,
      `${e.facts.meeting} for ${childOf(v, e)}. ${cap(e.facts.decision ?? '')}. Next meeting in six weeks.`,
      `${e.facts.meeting} — ${person(v, v.world.mother)} attended. Outcome: ${e.facts.decision}.`,
    ]),
  'welfare-request': (v, e) =>
    v.r.pick([
      `Police asked to carry out a welfare check as family not seen for two weeks. Spoke to ${practitioner(v, 'police', e)}.`,
      `${modeWord(v, e, true)} police control room requesting safe and well check on ${childOf(v, e)}.`,
    ]),
};

const HV: Partial<Record<TrueEvent['kind'], Writer>> = {
  'hv-visit': (v, e) =>
    v.r.pick([
      `${cap(e.facts.purpose ?? 'home visit')}. ${presentList(v, e)} present. ${childOf(v, e)} ${v.r.pick(['weighed', 'weight'])} ${(3 + v.r.next() * 9).toFixed(2)}kg. ${cap(observed(v, e.facts.observations))}.${e.facts.injury ? ` ${cap(injury(v, e.facts.injury))} noted; Mum said ${childOf(v, e)} ${e.facts.injury.explanation}.` : ''}`,
      `HV home visit for ${e.facts.purpose}. ${cap(observed(v, e.facts.observations))}. Safe sleep discussed.${e.facts.injury ? ` Observed ${injury(v, e.facts.injury)}.` : ''}`,
      `Visit to ${where(v, e)}. Seen ${childOf(v, e)} with ${presentList(v, e)}. ${cap(observed(v, e.facts.observations))}. ${v.r.pick(['ASQ completed.', 'Development on track.', 'Feeding discussed.'])}${e.facts.injury ? ` ${cap(injury(v, e.facts.injury))}.` : ''}`,
    ]),
  'hv-clinic': (v, e) =>
    v.r.pick([
      `Seen at baby clinic. ${childOf(v, e)} weighed.`,
      `Clinic attendance with ${presentList(v, e)}; growth plotted.`,
    ]),
  referral: (v, e) =>
    v.r.pick([
      `Safeguarding referral to MASH by ${e.facts.mode === 'phone' ? 'telephone' : 'online form'}: ${e.facts.injury ? injury(v, e.facts.injury) : aboutText(v, e.about)}. Spoke to ${practitioner(v, 'csc', e)}.`,
      `${modeWord(v, e, true)} MASH to refer ${childOf(v, e)}. ${cap(aboutText(v, e.about))}.`,
      `Referral made to Children's Social Care following today's visit.`,
    ]),
  'referral-ack': (v, e) =>
    v.r.pick([
      `Acknowledgement of referral received from MASH.`,
      `${modeWord(v, e, false)} MASH confirming referral received.`,
    ]),
  'info-call': (v, e) =>
    e.from === 'hv'
      ? v.r.pick([
          `${modeWord(v, e, true)} ${practitioner(v, 'gp', e)} to share ${aboutText(v, e.about)}.`,
          `GP informed of ${aboutText(v, e.about)} via task.`,
        ])
      : v.r.pick([
          `${modeWord(v, e, false)} ${practitioner(v, other(v, e), e)}: informed of ${aboutText(v, e.about)}. Children were ${e.about?.facts.incident?.childrenPresent ? 'present' : 'not present'}.`,
          `Information received from social care about ${aboutText(v, e.about)}. Will offer a visit.`,
        ]),
  strategy: (v, e) =>
    v.r.pick([
      `Attended strategy discussion re ${childOf(v, e)}. Health information shared. ${cap(e.facts.decision ?? '')}.`,
      `Strategy meeting: HV shared growth and development history. Outcome ${e.facts.decision}.`,
    ]),
  'joint-visit': (v, e) =>
    v.r.pick([
      `Joint visit with ${practitioner(v, 'csc', e)}. ${presentList(v, e)} present. ${childOf(v, e)} seen. ${cap(observed(v, e.facts.observations))}.`,
      `Home visit with social worker. ${cap(observed(v, e.facts.observations, 3))}. Advice given re home safety.`,
    ]),
  meeting: (v, e) =>
    v.r.pick([
      `Attended ${e.facts.meeting}. ${cap(e.facts.decision ?? '')}.`,
      `${e.facts.meeting}: HV report shared. ${cap(e.facts.decision ?? '')}.`,
    ]),
  'ed-liaison': (v, e) =>
    v.r.pick([
      `ED liaison notification received: ${childOf(v, e)} attended ${agencyOf(v.world, 'hospital').name} with ${e.about?.facts.purpose}.`,
      `Paediatric liaison form from A&E: attendance with ${e.about?.facts.purpose}. Will discuss at next contact.`,
    ]),
  'liaison-meeting': (v, e) =>
    v.r.pick([
      `Safeguarding liaison meeting with ${practitioner(v, 'gp', e)}. Family discussed.`,
      `GP/HV liaison: ${childOf(v, e)} discussed; no new concerns from GP.`,
    ]),
};

const GP: Partial<Record<TrueEvent['kind'], Writer>> = {
  'gp-consult': (v, e) =>
    v.r.pick([
      `Seen with ${presentList(v, e)}. Hx ${e.facts.purpose}. O/E well, obs normal. Plan: safety net advice.`,
      `Consultation: ${childOf(v, e)} brought by ${presentList(v, e)} with ${e.facts.purpose}. Examined. Reassured.`,
      `F2F appt, ${e.facts.purpose}. ${childOf(v, e)} interacting well.`,
    ]),
  'gp-dna': (v, e) =>
    v.r.pick([
      `DNA appointment (${e.facts.purpose}). Was not brought.`,
      `${childOf(v, e)} not brought to ${e.facts.purpose} appt. Letter sent.`,
    ]),
  'discharge-letter': (v, e) =>
    v.r.pick([
      `${e.about?.kind === 'cp-medical' ? 'Child protection medical report' : 'ED discharge letter'} received from ${agencyOf(v.world, 'hospital').name}: ${aboutText(v, e.about)}.`,
      `Letter from hospital re ${childOf(v, e)}: ${e.about?.facts.purpose ?? e.about?.facts.decision ?? 'attendance'}. Filed.`,
      `Document received (A&E): ${e.about?.facts.purpose ?? 'CP medical'}. Safeguarding code added.`,
    ]),
  'info-call': (v, e) =>
    v.r.pick([
      `${modeWord(v, e, false)} ${practitioner(v, other(v, e), e)} re ${aboutText(v, e.about)}.`,
      `Message from health visitor: ${aboutText(v, e.about)}. Alert added to record.`,
    ]),
  strategy: (v, e) =>
    v.r.pick([
      `Strategy discussion with social care; GP records shared. ${cap(e.facts.decision ?? '')}.`,
      `Took part in strat call re ${childOf(v, e)}.`,
    ]),
  meeting: (_v, e) => `Attended ${e.facts.meeting}. ${cap(e.facts.decision ?? '')}.`,
  'gp-report': (v, e) =>
    v.r.pick([
      `Report for ${e.facts.meeting} completed and sent to social care.`,
      `GP report submitted for ${e.facts.meeting}.`,
    ]),
  'liaison-meeting': (v, e) =>
    v.r.pick([
      `Safeguarding meeting with ${practitioner(v, 'hv', e)}: family reviewed.`,
      `HV liaison meeting. ${childOf(v, e)} discussed.`,
    ]),
};

const HOSPITAL: Partial<Record<TrueEvent['kind'], Writer>> = {
  'ed-attendance': (v, e) =>
    v.r.pick([
      `Attended ED with ${presentList(v, e)}. Presenting complaint: ${e.facts.purpose}.${e.facts.injury ? ` ${cap(injury(v, e.facts.injury))}. Mother reports ${childOf(v, e)} ${e.facts.injury.explanation}.` : ''} Triage cat 3.`,
      `${childOf(v, e, true)} brought to A&E by ${presentList(v, e)} with ${e.facts.purpose}. Seen by ED doctor.${e.facts.injury ? ` On examination ${injury(v, e.facts.injury)}.` : ''} Discharged home.`,
      `ED attendance: ${e.facts.purpose}. Safeguarding checklist completed.${e.facts.injury ? ` History: ${e.facts.injury.explanation}.` : ''}`,
    ]),
  referral: (v, e) =>
    v.r.pick([
      `Safeguarding referral made to Children's Social Care (MASH) by ${practitioner(v, 'hospital', e)}: ${aboutText(v, e.about)}.`,
      `${modeWord(v, e, true)} MASH: concerns about ${childOf(v, e)} following ${aboutText(v, e.about)}.`,
      `Paediatric liaison: referral to social care completed${e.facts.injury ? ` regarding ${injury(v, e.facts.injury)}` : ''}.`,
    ]),
  'referral-ack': (v, e) =>
    v.r.pick([
      `MASH acknowledged the referral.`,
      `${modeWord(v, e, false)} MASH confirming receipt of referral.`,
    ]),
  strategy: (v, e) =>
    `Paediatric input to strategy discussion re ${childOf(v, e)}. ${cap(e.facts.decision ?? '')}.`,
  'cp-medical': (v, e) =>
    v.r.pick([
      `Child protection medical. ${childOf(v, e, true)} examined with ${person(v, v.world.mother)} and social worker present. ${e.facts.injury ? cap(injury(v, e.facts.injury)) : 'No injuries seen'}. Opinion: ${e.facts.decision}.`,
      `CP medical by ${practitioner(v, 'hospital', e)}. Skeletal survey not indicated. Findings ${e.facts.decision}.`,
    ]),
  meeting: (_v, e) => `Paediatric report provided to ${e.facts.meeting}.`,
};

const SCHOOL: Partial<Record<TrueEvent['kind'], Writer>> = {
  'school-concern': (v, e) =>
    e.facts.injury
      ? v.r.pick([
          `${childOf(v, e)} came into class with ${injury(v, e.facts.injury)}. When asked, ${childOf(v, e)} said they ${e.facts.injury.explanation}. Passed to DSL.`,
          `Class teacher noticed ${injury(v, e.facts.injury)}. Body map completed.`,
        ])
      : v.r.pick([
          `${childOf(v, e)} ${e.facts.purpose}. Logged on CPOMS.`,
          `Concern: ${childOf(v, e)} ${e.facts.purpose}. Spoke to ${person(v, v.world.mother)} at pick-up.`,
        ]),
  'school-meeting': (v, e) =>
    v.r.pick([
      `Meeting with ${person(v, v.world.mother)} about ${e.facts.purpose?.replace(/^said /, '')}.`,
      `Attendance meeting with ${person(v, v.world.mother)}. Attendance ${v.r.int(78, 92)}%.`,
    ]),
  referral: (v, e) =>
    v.r.pick([
      `DSL ${modeWord(v, e, true).toLowerCase()} MASH: ${e.facts.injury ? injury(v, e.facts.injury) : aboutText(v, e.about)}.`,
      `Referral made to Children's Services. Spoke to ${practitioner(v, 'csc', e)}.`,
      `MASH referral completed by DSL following disclosure.`,
    ]),
  'referral-ack': (v, e) =>
    v.r.pick([
      `MASH phoned back to acknowledge referral.`,
      `${modeWord(v, e, false)} social care: referral received.`,
    ]),
  'info-call': (v, e) =>
    v.r.pick([
      `${modeWord(v, e, false)} ${practitioner(v, 'csc', e)} informing school of ${aboutText(v, e.about)}.`,
      `Social care informed DSL of ${aboutText(v, e.about)}. Staff to monitor ${childOf(v, e)}.`,
      `Operation Encompass notification: ${aboutText(v, e.about)}.`,
    ]),
  strategy: (v, e) =>
    `DSL joined strategy discussion about ${childOf(v, e)}; shared attendance and recent concerns. ${cap(e.facts.decision ?? '')}.`,
  'sw-school-visit': (v, e) =>
    v.r.pick([
      `${practitioner(v, 'csc', e)} visited to see ${childOf(v, e)} in school.`,
      `Social worker saw ${childOf(v, e)} in school today, in the family room.`,
    ]),
  meeting: (v, e) =>
    v.r.pick([
      `DSL attended ${e.facts.meeting}. ${cap(e.facts.decision ?? '')}.`,
      `${e.facts.meeting} held at school. ${cap(e.facts.decision ?? '')}.`,
    ]),
};

const HOUSING: Partial<Record<TrueEvent['kind'], Writer>> = {
  'housing-visit': (v, e) =>
    v.r.pick([
      `Tenancy visit re ${e.facts.purpose}. ${cap(observed(v, e.facts.observations))}. Repairs raised.`,
      `Visited ${where(v, e)}. ${person(v, v.world.mother)} present. ${cap(observed(v, e.facts.observations))}.`,
    ]),
  'housing-letter': (v, e) =>
    v.r.pick([`Letter sent re ${e.facts.purpose}.`, `Warning letter: ${e.facts.purpose}.`]),
  'housing-complaint': (v, e) =>
    v.r.pick([
      `Neighbour complaint: shouting and banging from ${where(v, e)} ${v.r.pick(['late last night', 'at the weekend', 'most nights'])}.`,
      `ASB report received from neighbour about noise at the property; police were called.`,
    ]),
  referral: (v, e) =>
    `Safeguarding referral to Children's Services about home conditions: ${aboutText(v, e.about)}.`,
  'info-call': (v, e) =>
    `${modeWord(v, e, true)} ${practitioner(v, 'csc', e)} re ${aboutText(v, e.about)}.`,
  'joint-visit': (v, e) =>
    `Joint visit with ${practitioner(v, 'csc', e)}. ${cap(observed(v, e.facts.observations))}. Repairs to be prioritised.`,
  meeting: (v, e) =>
    `Attended ${e.facts.meeting} for ${childOf(v, e)}: housing update given. ${cap(e.facts.decision ?? '')}.`,
};

const WRITERS: Record<AgencyKey, Partial<Record<TrueEvent['kind'], Writer>>> = {
  police: POLICE,
  csc: CSC,
  hv: HV,
  gp: GP,
  hospital: HOSPITAL,
  school: SCHOOL,
  housing: HOUSING,
};

/** The account of `e` written by `v.me`. */
export function writeAccount(v: Voice, e: TrueEvent): string {
  const writer = WRITERS[v.me][e.kind];
  let text = writer
    ? writer(v, e)
    : `${cap(e.kind.replace(/-/g, ' '))} regarding ${childOf(v, e)}.`;
  text = text
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,;])/g, '$1')
    .replace(/\.\./g, '.')
    .trim();
  if (v.curly) text = text.replace(/'/g, '\u2019').replace(/ - /g, ' \u2013 ');
  return text;
}

/** The author column: the recording practitioner's role, sometimes with a name. */
export function authorOf(v: Voice, e: TrueEvent): string {
  const a = agencyOf(v.world, v.me);
  const worker = a.workers[e.facts.worker?.[v.me] ?? 0] ?? a.workers[0];
  if (!worker) return a.name;
  return v.r.pick([
    worker.title,
    `${worker.first} ${worker.last}, ${worker.title}`,
    `${worker.short} ${worker.last}`,
  ]);
}
