import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '@itsm/testing';
import { foldEvents } from '@itsm/event-store';
import { decodeInput } from '../shared/codec-decoding.js';
import { CatalogItem } from './catalog-item.js';
import { CatalogItemCommand } from './catalog-item-commands.js';
import type { CatalogItemEvent } from './catalog-item-events.js';
import { catalogItemSnapshotOf } from './catalog-item-state.js';
import {
  catalogManager,
  deskAgent,
  decoded,
  hoursLater,
  laptopDefinition,
  laptopDefinitionInput,
  metadataOf,
  type RawActor,
} from './service-catalog.test-fixture.js';

const spec = deciderSpec(CatalogItem.decider);
const command = (
  type: CatalogItemCommand['type'],
  data: Record<string, unknown>,
  actor: RawActor = catalogManager,
  hours = 1,
) =>
  decoded(CatalogItemCommand, { type, data: { catalogItemId: 'laptop', ...data }, metadata: metadataOf(actor, hours) });
const who = (hours = 1) => ({ at: hoursLater(hours), by: catalogManager.id });
const id = 'laptop' as never;
const v2Definition = { ...laptopDefinition, name: 'New laptop (2026 models)' } as typeof laptopDefinition;

const drafted: CatalogItemEvent = {
  type: 'CatalogItemDrafted',
  data: { catalogItemId: id, version: 1 as never, definition: laptopDefinition, ...who() } as never,
};
const published: CatalogItemEvent = {
  type: 'CatalogItemPublished',
  data: { catalogItemId: id, version: 1 as never, definition: laptopDefinition, ...who(2) } as never,
};

describe('catalog item: draft', () => {
  it('drafts version 1', () =>
    void spec.when(command('DraftCatalogItem', { definition: laptopDefinitionInput })).then([drafted]));
  it('refuses a second draft of the same id', () =>
    void spec
      .given([drafted])
      .when(command('DraftCatalogItem', { definition: laptopDefinitionInput }))
      .thenFails('CatalogItemAlreadyExists'));
  it('refuses a definition whose task depends on a later or unknown task, naming it', () => {
    const broken = {
      ...laptopDefinitionInput,
      fulfilmentTasks: [
        { taskId: 'a', title: 'A', assignmentGroup: 'g', dependsOn: ['b'], optional: false },
        { taskId: 'b', title: 'B', assignmentGroup: 'g', dependsOn: ['b'], optional: false },
        { taskId: 'b', title: 'B again', assignmentGroup: 'g', dependsOn: [], optional: false },
      ],
    };
    const error = spec
      .when(command('DraftCatalogItem', { definition: broken }))
      .thenFails('CatalogItemDefinitionInvalid');
    expect(error.problems.join('\n')).toMatch(
      /fulfilmentTasks\.0 \(a\): depends on b, which is not a task listed before it/,
    );
    expect(error.problems.join('\n')).toMatch(/fulfilmentTasks\.1 \(b\): a task cannot depend on itself/);
    expect(error.problems.join('\n')).toMatch(/fulfilmentTasks\.2 \(b\): the task id is used twice/);
  });
  it('refuses a form with a choice field without choices', () => {
    const broken = { ...laptopDefinitionInput, formFields: [{ name: 'model', kind: 'choice', required: true }] };
    spec.when(command('DraftCatalogItem', { definition: broken })).thenFails('CatalogItemDefinitionInvalid');
  });
  it('is for catalog managers only', () =>
    void spec
      .when(command('DraftCatalogItem', { definition: laptopDefinitionInput }, deskAgent))
      .thenFails('CommandNotAuthorized'));
});

describe('catalog item: publish and revise', () => {
  it('publishes the draft, repeating its definition', () =>
    void spec
      .given([drafted])
      .when(command('PublishCatalogItem', {}, catalogManager, 2))
      .then([published]));
  it('refuses to publish when no draft is open', () =>
    void spec
      .given([drafted, published])
      .when(command('PublishCatalogItem', {}))
      .thenFails('NoCatalogItemDraftToPublish'));
  it('opens version 2 beside the published version 1', () =>
    void spec
      .given([drafted, published])
      .when(
        command(
          'ReviseCatalogItem',
          { definition: { ...laptopDefinitionInput, name: 'New laptop (2026 models)' } },
          catalogManager,
          3,
        ),
      )
      .then([
        {
          type: 'CatalogItemRevised',
          data: { catalogItemId: id, version: 2 as never, definition: v2Definition, ...who(3) } as never,
        },
      ]));
  it('edits an open draft in place (same version number)', () =>
    void spec
      .given([drafted])
      .when(
        command(
          'ReviseCatalogItem',
          { definition: { ...laptopDefinitionInput, name: 'New laptop (2026 models)' } },
          catalogManager,
          3,
        ),
      )
      .then([
        {
          type: 'CatalogItemRevised',
          data: { catalogItemId: id, version: 1 as never, definition: v2Definition, ...who(3) } as never,
        },
      ]));
  it('keeps serving the published version while version 2 is in draft, then switches on publication', () => {
    const revised: CatalogItemEvent = {
      type: 'CatalogItemRevised',
      data: { catalogItemId: id, version: 2 as never, definition: v2Definition, ...who(3) } as never,
    };
    const whileDrafting = foldEvents(CatalogItem.decider, [drafted, published, revised]);
    expect(catalogItemSnapshotOf(whileDrafting)).toMatchObject({
      version: 1,
      name: 'New laptop',
      itemStatus: 'published',
    });
    const publishedV2: CatalogItemEvent = {
      type: 'CatalogItemPublished',
      data: { catalogItemId: id, version: 2 as never, definition: v2Definition, ...who(4) } as never,
    };
    expect(
      catalogItemSnapshotOf(foldEvents(CatalogItem.decider, [drafted, published, revised, publishedV2])),
    ).toMatchObject({
      version: 2,
      name: 'New laptop (2026 models)',
    });
  });
  it('has no snapshot before the first publication', () =>
    expect(catalogItemSnapshotOf(foldEvents(CatalogItem.decider, [drafted]))).toBeUndefined());
  it('refuses commands for an item never drafted', () =>
    void spec.when(command('PublishCatalogItem', {})).thenFails('CatalogItemNotFound'));
});

describe('catalog item: retire', () => {
  const retired: CatalogItemEvent = {
    type: 'CatalogItemRetired',
    data: { catalogItemId: id, reason: 'Replaced by tablets', ...who(5) } as never,
  };
  it('retires a published item', () =>
    void spec
      .given([drafted, published])
      .when(command('RetireCatalogItem', { reason: 'Replaced by tablets' }, catalogManager, 5))
      .then([retired]));
  it('refuses to revise or publish a retired item', () => {
    spec
      .given([drafted, published, retired])
      .when(command('ReviseCatalogItem', { definition: laptopDefinitionInput }))
      .thenFails('CatalogItemAlreadyRetired');
    spec
      .given([drafted, published, retired])
      .when(command('RetireCatalogItem', { reason: 'again' }))
      .thenFails('CatalogItemAlreadyRetired');
  });
  it('snapshots a retired item as not orderable', () =>
    expect(catalogItemSnapshotOf(foldEvents(CatalogItem.decider, [drafted, published, retired]))?.itemStatus).toBe(
      'retired',
    ));
});

describe('catalog item: codecs', () => {
  it('refuses malformed commands with the field path', () => {
    const result = decodeInput(CatalogItemCommand, {
      type: 'DraftCatalogItem',
      data: { catalogItemId: 'laptop', definition: { ...laptopDefinitionInput, approval: { required: true } } },
      metadata: metadataOf(catalogManager),
    });
    expect(result._tag).toBe('Left');
    expect(result._tag === 'Left' ? result.left.problems.join('\n') : '').toMatch(/data\.definition\.approval/);
  });
  it('names the stream catalogItem-<id>', () =>
    expect(CatalogItem.recordIdOf(command('PublishCatalogItem', {}))).toBe('laptop'));
});
