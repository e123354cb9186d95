import { defineErrors } from '../../platform/errors/domain-error.js';

export enum UsersError {
  EmailTaken = 'EmailTaken',
  LastAdministrator = 'LastAdministrator',
  WrongCurrentPassword = 'WrongCurrentPassword',
}

export const usersError = defineErrors<UsersError>({
  [UsersError.EmailTaken]: 'conflict',
  [UsersError.LastAdministrator]: 'conflict',
  [UsersError.WrongCurrentPassword]: 'forbidden',
});
