// The example single-page app of issue #14: signs in with the typed client (bundled beside this
// file, no CDN) and shows each control only while the caller holds its permission. can() is kept
// fresh by the event stream, so an administrator's change shows here at once, without a reload.
import { WardenClient, WardenError } from './client/index.js';

const client = new WardenClient({ baseUrl: '' });
const $ = (id) => document.getElementById(id);

function status(text) {
  $('status').textContent = text;
}

function show(section) {
  for (const id of ['login', 'tenant-choice', 'app']) $(id).hidden = id !== section;
}

function render(state) {
  if (!state.signedIn) {
    show('login');
    status('Signed out.');
    return;
  }
  if (!state.me) return;
  show('app');
  $('who').textContent = state.me.user.displayName + ' <' + state.me.user.email + '>';
  $('tenant').textContent = state.me.tenant.name;
  $('revision').textContent = String(state.revision);
  let visible = 0;
  for (const control of document.querySelectorAll('[data-permission]')) {
    control.hidden = !client.can(control.dataset.permission);
    if (!control.hidden && control.parentElement === $('controls')) visible++;
  }
  $('no-controls').hidden = visible > 0;
  $('permissions').replaceChildren(
    ...state.me.permissions.map((p) => Object.assign(document.createElement('li'), { textContent: p })),
  );
  document.body.dataset.revision = String(state.revision);
  if (client.can('roles.assign') && client.can('users.view')) loadMembers();
}

async function loadMembers() {
  const page = await client.send('GET', '/api/members?limit=100').catch(report);
  if (!page) return;
  $('members').replaceChildren(
    ...page.items.map((member) => {
      const row = document.createElement('tr');
      const name = Object.assign(document.createElement('td'), { textContent: member.email });
      const roles = document.createElement('td');
      for (const role of member.roles) {
        const button = Object.assign(document.createElement('button'), {
          type: 'button',
          textContent: 'Revoke ' + role.name,
        });
        button.dataset.member = member.email;
        button.dataset.role = role.name;
        button.addEventListener('click', () => revoke(role, member));
        roles.append(button);
      }
      row.append(name, roles);
      return row;
    }),
  );
}

async function revoke(role, member) {
  await client.send('DELETE', `/api/roles/${role.id}/users/${member.userId}`).catch(report);
  status(`Revoked ${role.name} from ${member.email} (revision ${client.revision}).`);
  loadMembers();
}

function report(error) {
  status(error instanceof WardenError ? `${error.title}: ${error.detail}` : String(error));
}

async function start() {
  status('Loading your permissions…');
  await client.watch();
  status('Live: permission changes show at once.');
}

$('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('login-error').hidden = true;
  try {
    const login = await client.login($('email').value, $('password').value);
    $('password').value = '';
    if (login.tenant) return await start();
    show('tenant-choice');
    $('tenants').replaceChildren(
      ...login.tenants.map((tenant) => {
        const item = document.createElement('li');
        const button = Object.assign(document.createElement('button'), {
          type: 'button',
          textContent: tenant.name,
        });
        button.addEventListener('click', () =>
          client.selectTenant(tenant.id).then(start).catch(report),
        );
        item.append(button);
        return item;
      }),
    );
  } catch (error) {
    $('login-error').hidden = false;
    $('login-error').textContent =
      error instanceof WardenError ? error.detail || error.title : String(error);
  }
});

$('sign-out').addEventListener('click', () => client.logout().catch(report));
client.onChange(render);
